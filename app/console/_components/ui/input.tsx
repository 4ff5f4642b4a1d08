import type { ComponentProps } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-md border border-stone-300 bg-white px-3 text-sm text-stone-900 shadow-sm " +
  "placeholder:text-stone-400 focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-0 " +
  "focus-visible:outline-brand-600/40 disabled:cursor-not-allowed disabled:bg-stone-100 disabled:text-stone-500 " +
  "aria-invalid:border-red-500 aria-invalid:focus-visible:outline-red-500/40 " +
  "dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100 dark:disabled:bg-stone-800";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(control, "h-9", className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(control, "py-2 leading-relaxed", className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(control, "h-9 pr-8", className)} {...props} />;
}

export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      className={cn(
        "size-4 rounded border-stone-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
        className,
      )}
      {...props}
    />
  );
}
