// The calls of an assistant's own tools as the console shows them: from the stream while an answer
// runs (started, then completed with its outcome), and from the stored answer, which also has what
// each call gave the model. One shape for the playground and the transcript.
import type { ToolRun } from "@/server/schemas/chat";
import type { ChatEvent } from "@/server/services/chat/chat-events";

export type ToolActivity = Pick<ToolRun, "id" | "name" | "kind" | "arguments" | "step"> & {
  status: "running" | "ok" | "failed";
  summary?: string;
  duration_ms?: number;
  /** What the model read back: only in the stored answer (the stream leaves it out). */
  result?: string;
};

type Started = Extract<ChatEvent, { type: "tool_call.started" }>;
type Completed = Extract<ChatEvent, { type: "tool_call.completed" }>;

export function toolActivityOf(run: ToolRun): ToolActivity {
  return {
    id: run.id,
    name: run.name,
    kind: run.kind,
    arguments: run.arguments,
    step: run.step,
    status: run.ok ? "ok" : "failed",
    summary: run.summary,
    duration_ms: run.duration_ms,
    result: run.result,
  };
}

/** A call that started: a new line (a repeated event changes nothing). */
export function startTool(list: ToolActivity[], event: Started): ToolActivity[] {
  if (list.some((tool) => tool.id === event.id)) return list;
  const { id, name, kind, arguments: args, step } = event;
  return [...list, { id, name, kind, arguments: args, step, status: "running" }];
}

/** A call that ended: its line says how, and how long it took. */
export function completeTool(list: ToolActivity[], event: Completed): ToolActivity[] {
  const outcome = {
    status: event.ok ? ("ok" as const) : ("failed" as const),
    summary: event.summary,
    duration_ms: event.duration_ms,
  };
  if (!list.some((tool) => tool.id === event.id)) {
    const { id, name, kind, step } = event;
    return [...list, { id, name, kind, step, arguments: "", ...outcome }];
  }
  return list.map((tool) => (tool.id === event.id ? { ...tool, ...outcome } : tool));
}
