// The tools of one question: every source's functions, gathered once before the model's first
// step, and the one place a call is dispatched to its source and timed. A source that cannot be
// listed (an MCP server down) is left out, with the reason kept for the log; the question goes on
// with the others. A source lives for one question and is closed with it.
import { logger } from "../../logger";
import type { ToolCall } from "../gateway/engines/engine";
import { createHttpToolSource } from "./http-tool";
import { createMcpToolSource } from "./mcp-tool";
import type { OpenedTool, ToolFunction, ToolKind, ToolOutcome, ToolSource } from "./tool-source";

/** How long listing a source's functions may take before the question goes on without it. */
const LIST_TIMEOUT_MS = 10_000;

export interface ToolRunResult {
  kind: ToolKind;
  outcome: ToolOutcome;
  durationMs: number;
}

export interface Toolbox {
  /** The functions offered to the model, from every source that could be listed. */
  readonly functions: readonly ToolFunction[];
  /** Sources left out, and why. */
  readonly unavailable: readonly { label: string; reason: string }[];
  has(name: string): boolean;
  /** The kind of the source that offers `name` (the search tool, an HTTP tool, an MCP server). */
  kindOf(name: string): ToolKind;
  /** Runs one call; rejects only when `signal` aborts (the question was cancelled). */
  run(call: ToolCall, signal: AbortSignal): Promise<ToolRunResult>;
  close(): Promise<void>;
}

/** An adapter for each of an assistant's stored tools. */
export function sourcesFor(tools: readonly OpenedTool[]): ToolSource[] {
  return tools.map((tool) => (tool.type === "http" ? createHttpToolSource(tool) : createMcpToolSource(tool)));
}

/**
 * The values a result must never show: each secret header's value, and the token of an
 * `Authorization`-style value (an API that echoes `xyz` of `Bearer xyz` would show it otherwise).
 */
export function secretValuesOf(tools: readonly OpenedTool[]): string[] {
  return tools.flatMap((tool) =>
    Object.values(tool.secret_headers).flatMap((value) => {
      const token = /^\S+\s+(\S{4,})$/.exec(value.trim())?.[1];
      return [value, ...(token ? [token] : [])].filter((secret) => secret.length >= 4);
    }),
  );
}

/** `text` with every secret replaced: what is stored, streamed and read by the model has none. */
function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join("[secret]"), text);
}

export async function openToolbox(
  sources: readonly ToolSource[],
  signal: AbortSignal,
  secrets: readonly string[] = [],
): Promise<Toolbox> {
  const listing = AbortSignal.any([signal, AbortSignal.timeout(LIST_TIMEOUT_MS)]);
  const listed = await Promise.allSettled(sources.map((source) => source.functions(listing)));
  if (signal.aborted) {
    // Nobody will close a toolbox that was never returned: its connections close here.
    await Promise.allSettled(sources.map((source) => source.close()));
    signal.throwIfAborted();
  }
  const owners = new Map<string, ToolSource>();
  const functions: ToolFunction[] = [];
  const unavailable: { label: string; reason: string }[] = [];
  listed.forEach((result, i) => {
    const source = sources[i]!;
    if (result.status === "rejected") {
      const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
      unavailable.push({ label: source.label, reason });
      logger.warn({ tool: source.label, kind: source.kind, reason }, "a tool source could not be listed");
      return;
    }
    for (const fn of result.value) {
      if (owners.has(fn.name)) continue; // the first source to offer a name keeps it
      owners.set(fn.name, source);
      functions.push(fn);
    }
  });
  return {
    functions,
    unavailable,
    has: (name) => owners.has(name),
    kindOf: (name) => owners.get(name)?.kind ?? "http",
    async run(call, runSignal) {
      const startedAt = performance.now();
      const source = owners.get(call.function.name);
      const outcome: ToolOutcome = source
        ? await source.call(call.function.name, call.function.arguments, runSignal)
        : {
            ok: false,
            content: `Error: there is no tool named ${call.function.name}.`,
            summary: "no such tool",
          };
      return {
        kind: source?.kind ?? "http",
        outcome: {
          ...outcome,
          content: scrub(outcome.content, secrets),
          summary: scrub(outcome.summary, secrets),
        },
        durationMs: Math.round(performance.now() - startedAt),
      };
    },
    async close() {
      await Promise.allSettled(sources.map((source) => source.close()));
    },
  };
}
