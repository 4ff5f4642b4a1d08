import { CircleCheck, CircleX, ChevronRight } from "lucide-react";
import { formatMs } from "./answer-details";
import type { ToolActivity } from "./tool-activity";
import { Badge } from "../ui/badge";
import { Spinner } from "../ui/spinner";

const kinds: Record<ToolActivity["kind"], string> = { http: "HTTP", mcp: "MCP", knowledge: "knowledge" };

/** Arguments as indented JSON when they are JSON, else as the model wrote them. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * The calls Hearth ran for an answer with the assistant's own tools: a line each (name, kind,
 * outcome, summary, duration), which opens on the arguments and, once known, the result.
 */
export function ToolRunList({ runs }: { runs: ToolActivity[] }) {
  if (runs.length === 0) return null;
  return (
    <ul aria-label="Tool calls" className="space-y-1">
      {runs.map((run) => (
        <li key={run.id}>
          <ToolRunLine run={run} />
        </li>
      ))}
    </ul>
  );
}

const pre =
  "max-h-64 overflow-y-auto rounded bg-white px-2 py-1.5 font-mono text-xs break-all whitespace-pre-wrap text-stone-800 dark:bg-stone-950 dark:text-stone-200";

function ToolRunLine({ run }: { run: ToolActivity }) {
  const running = run.status === "running";
  return (
    <details
      data-tool-run={run.status}
      className="group rounded-md border border-stone-200 bg-stone-50 text-xs dark:border-stone-700 dark:bg-stone-800/50"
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-2 gap-y-1 rounded-md px-3 py-1.5 text-stone-700 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-300 [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden className="size-3.5 shrink-0 transition-transform group-open:rotate-90" />
        {running ? (
          <>
            <Spinner className="size-3.5" />
            <span>
              Calling <code className="font-mono font-semibold">{run.name}</code>…
            </span>
          </>
        ) : (
          <>
            {run.status === "ok" ? (
              <CircleCheck aria-hidden className="size-3.5 shrink-0 text-emerald-600 dark:text-emerald-400" />
            ) : (
              <CircleX aria-hidden className="size-3.5 shrink-0 text-red-600 dark:text-red-400" />
            )}
            <code className="font-mono font-semibold">{run.name}</code>
            <span className="text-stone-500 dark:text-stone-400">{kinds[run.kind]}</span>
            <Badge tone={run.status === "ok" ? "success" : "danger"}>
              {run.status === "ok" ? "OK" : "Failed"}
            </Badge>
            {run.summary && <span className="min-w-0 break-words">{run.summary}</span>}
            {run.duration_ms !== undefined && (
              <span className="text-stone-500 tabular-nums dark:text-stone-400">
                {formatMs(run.duration_ms)}
              </span>
            )}
          </>
        )}
      </summary>
      <div className="space-y-1.5 border-t border-stone-200 px-3 py-2 dark:border-stone-700">
        <p className="font-medium text-stone-600 dark:text-stone-400">Arguments</p>
        <pre tabIndex={0} aria-label={`Arguments of ${run.name}`} className={pre}>
          {run.arguments ? pretty(run.arguments) : "(not known)"}
        </pre>
        {run.result !== undefined ? (
          <>
            <p className="font-medium text-stone-600 dark:text-stone-400">Result</p>
            <pre tabIndex={0} aria-label={`Result of ${run.name}`} className={pre}>
              {run.result || "(empty)"}
            </pre>
          </>
        ) : (
          !running && (
            <p className="text-stone-500 dark:text-stone-400">
              The result shows once the answer is complete.
            </p>
          )
        )}
      </div>
    </details>
  );
}
