import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export function Card({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      className={cn(
        "rounded-lg border border-stone-200 bg-white shadow-xs dark:border-stone-800 dark:bg-stone-900",
        className,
      )}
      {...props}
    />
  );
}

/** A titled section of a card, used to group form fields. */
export function CardSection({
  title,
  description,
  children,
  className,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  // No aria-labelledby: a named region would share its name with the field inside it (a section
  // "Instructions" holding the field "Instructions"), and the heading already structures the page.
  return (
    <section className={cn("p-5 sm:p-6", className)}>
      <h2 className="text-base font-semibold text-stone-900 dark:text-stone-100">{title}</h2>
      {description && <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">{description}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}
