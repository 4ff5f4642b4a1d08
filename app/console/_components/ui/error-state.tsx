import { CircleAlert } from "lucide-react";
import { Button } from "./button";

/** A failed load: what went wrong, and a way to try again. */
export function ErrorState({
  title = "Could not load this page",
  message,
  onRetry,
}: {
  title?: string;
  message: string;
  onRetry?: () => void;
}) {
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-12 text-center">
      <div className="mb-3 rounded-full bg-red-50 p-3 text-red-600 dark:bg-red-950 dark:text-red-400">
        <CircleAlert aria-hidden className="size-6" />
      </div>
      <h2 className="text-base font-semibold text-stone-900 dark:text-stone-100">{title}</h2>
      <p className="mt-1 max-w-md text-sm text-stone-600 dark:text-stone-400">{message}</p>
      {onRetry && (
        <Button variant="secondary" className="mt-5" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
