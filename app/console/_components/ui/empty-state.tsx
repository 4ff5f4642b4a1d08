import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
}: {
  icon?: LucideIcon;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      {Icon && (
        <div className="mb-3 rounded-full bg-stone-100 p-3 text-stone-500 dark:bg-stone-800 dark:text-stone-400">
          <Icon aria-hidden className="size-6" />
        </div>
      )}
      <h2 className="text-base font-semibold text-stone-900 dark:text-stone-100">{title}</h2>
      {description && (
        <p className="mt-1 max-w-md text-sm text-stone-500 dark:text-stone-400">{description}</p>
      )}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}
