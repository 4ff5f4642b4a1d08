"use client";
// The outcome of the backend form's "Test connection": a status line (announced), and the models
// the server lists as toggles that add them to, or take them out of, the form's models.
import { Check } from "lucide-react";
import type { BackendCheckDto } from "@/server/schemas/backend";
import { errorMessage } from "../../_lib/errors";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { checkSummary } from "./backend-check";

type ConnectionCheckProps = {
  pending: boolean;
  /** The check's answer for the URL in the field, if any. */
  result: BackendCheckDto | undefined;
  /** The call itself failed (refused input, no permission, network). */
  error: unknown;
  /** The form's models. */
  selected: readonly string[];
  onToggle: (model: string) => void;
  onUseAll: (models: readonly string[]) => void;
};

export function ConnectionCheck({
  pending,
  result,
  error,
  selected,
  onToggle,
  onUseAll,
}: ConnectionCheckProps) {
  const failed = Boolean(error) || result?.ok === false;
  const served = result?.ok ? result.models : [];
  return (
    <div className="space-y-2">
      {/* Always rendered, so that assistive tech announces what appears in it. */}
      <p
        role="status"
        className={cn(
          "text-sm",
          pending
            ? "text-stone-600 dark:text-stone-400"
            : failed
              ? "text-red-700 dark:text-red-400"
              : "text-emerald-800 dark:text-emerald-300",
        )}
      >
        {pending
          ? "Testing the connection…"
          : error
            ? `Could not test the connection: ${errorMessage(error)}`
            : result
              ? checkSummary(result)
              : null}
      </p>
      {!pending && served.length > 0 && (
        <div className="space-y-1.5">
          <p id="served-models-hint" className="text-xs text-stone-500 dark:text-stone-400">
            Choose the models this backend serves to Hearth:
          </p>
          <ul aria-label="Served models" className="flex flex-wrap gap-1.5">
            {served.map((model) => {
              const chosen = selected.includes(model);
              return (
                <li key={model}>
                  <button
                    type="button"
                    aria-pressed={chosen}
                    aria-describedby="served-models-hint"
                    onClick={() => onToggle(model)}
                    className={cn(
                      "inline-flex items-center gap-1 rounded-full px-2.5 py-1 font-mono text-xs ring-1 ring-inset",
                      "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                      chosen
                        ? "bg-brand-50 text-brand-700 ring-brand-600"
                        : "bg-white text-stone-700 ring-stone-300 hover:bg-stone-50 dark:bg-stone-900 dark:text-stone-300 dark:ring-stone-700 dark:hover:bg-stone-800",
                    )}
                  >
                    {chosen && <Check aria-hidden className="size-3" />}
                    {model}
                  </button>
                </li>
              );
            })}
          </ul>
          <Button variant="secondary" size="sm" onClick={() => onUseAll(served)}>
            Use these models
          </Button>
        </div>
      )}
    </div>
  );
}
