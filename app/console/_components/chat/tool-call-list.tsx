import type { MessageDto } from "@/server/schemas/chat";

/** The functions the model called in an answer (an OpenAI-compatible request with tools): a line each. */
export function ToolCallList({ calls }: { calls: NonNullable<MessageDto["tool_calls"]> }) {
  return (
    <div className="space-y-1">
      <p className="text-xs font-medium text-stone-600 dark:text-stone-400">
        Called {calls.length === 1 ? "a function" : `${calls.length} functions`}
      </p>
      <ul className="space-y-1">
        {calls.map((call) => (
          <li
            key={call.id}
            className="rounded-md border border-stone-200 bg-stone-50 px-3 py-1.5 font-mono text-xs break-all text-stone-700 dark:border-stone-700 dark:bg-stone-800/50 dark:text-stone-300"
          >
            <span className="font-semibold">{call.function.name}</span>({call.function.arguments})
          </li>
        ))}
      </ul>
    </div>
  );
}
