import { LoaderCircle } from "lucide-react";
import { cn } from "./cn";

/** A spinning indicator. With a label it is announced as a status; without, it is decorative. */
export function Spinner({ label, className }: { label?: string; className?: string }) {
  const icon = <LoaderCircle aria-hidden className={cn("size-4 animate-spin", className)} />;
  if (!label) return icon;
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-stone-500 dark:text-stone-400">
      {icon}
      {label}
    </span>
  );
}
