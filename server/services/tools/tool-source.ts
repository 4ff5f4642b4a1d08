// What the tool loop (runtime/exchange/run-tools.ts) needs of any kind of tool: the functions it
// offers the model, and running one call. Each kind is an adapter in its own module: knowledge
// search (knowledge-tool.ts), an HTTP operation (http-tool.ts), an MCP server (mcp-tool.ts).
export type { OpenedTool } from "../assistants/stored-tools";

export type ToolKind = "knowledge" | "http" | "mcp";

/** A function as the model sees it (OpenAI's `tools[].function`). */
export interface ToolFunction {
  name: string;
  description: string;
  /** A JSON Schema object. */
  parameters: Record<string, unknown>;
}

/** What one call gave: the text the model reads next, and a one-line summary for people. */
export interface ToolOutcome {
  /** false: the tool failed, refused or timed out; `content` then says why, for the model. */
  ok: boolean;
  /** The tool message's content (bounded: a tool's own limit cuts it, saying so). */
  content: string;
  /** At most ~200 characters, for the transcript, the stream's events and the console. */
  summary: string;
}

export interface ToolSource {
  readonly kind: ToolKind;
  /** The source's label: the tool's name, or an MCP server's. */
  readonly label: string;
  /**
   * The functions offered (an MCP server lists its own, filtered by its allowlist). Rejects when
   * the source cannot be reached: the loop then leaves its functions out and records why.
   */
  functions(signal: AbortSignal): Promise<ToolFunction[]>;
  /**
   * Runs `name` (one of `functions()`) with the model's arguments (a JSON text, possibly invalid).
   * Never rejects for the tool's own failures (a refused host, a timeout, an HTTP 500, bad
   * arguments): they are an outcome with `ok: false` that the model reads. Rejects only when
   * `signal` aborts (the question was cancelled).
   */
  call(name: string, args: string, signal: AbortSignal): Promise<ToolOutcome>;
  /** Releases connections (an MCP session); called once the question is over. */
  close(): Promise<void>;
}
