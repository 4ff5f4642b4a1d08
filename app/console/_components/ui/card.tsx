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
  const headingId = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className={cn("p-5 sm:p-6", className)}>
      <h2 id={headingId} className="text-base font-semibold text-stone-900 dark:text-stone-100">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">{description}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}
