// Function calling as vLLM serves it for GPT-OSS (`--tool-call-parser openai
// --enable-auto-tool-choice`), made deterministic so that tests can drive a whole tool loop:
// - the request side: `tools`, `tool_choice` and `parallel_tool_calls`, with vLLM's 400s;
// - which functions the "model" calls and with which arguments (chooseToolCalls);
// - how a call is spread over generated tokens and stream fragments (toolCallFragments);
// - the answer once the tool results come back (toolResultAnswer).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { SimulatorHttpError } from "./http-util";
import {
  answerWithLead,
  approxTokens,
  contentText,
  echo,
  ECHO_WORDS,
  type MessageContent,
  type TokenAt,
} from "./text";

export const toolSchema = z.looseObject({
  // vLLM defaults a missing type to "function" and refuses any other.
  type: z.literal("function").optional(),
  function: z.looseObject({
    name: z.string(),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});

export const toolChoiceSchema = z.union(
  [
    z.enum(["none", "auto", "required"]),
    z.looseObject({
      type: z.literal("function").optional(),
      function: z.looseObject({ name: z.string().min(1) }),
    }),
  ],
  { error: 'Only named tools, "none", "auto" or "required" are supported.' },
);

/** A call in an assistant message of the conversation (`arguments` is JSON text). */
export const messageToolCallSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

export type Tool = z.output<typeof toolSchema>;
export type ToolChoice = z.output<typeof toolChoiceSchema>;

interface ToolTurnMessage {
  role: string;
  content?: MessageContent;
  tool_calls?: ReadonlyArray<z.output<typeof messageToolCallSchema>> | null;
  tool_call_id?: string | null;
  name?: string | null;
}

export interface ToolRequest {
  messages: readonly ToolTurnMessage[];
  tools?: readonly Tool[] | null;
  tool_choice?: ToolChoice | null;
  parallel_tool_calls?: boolean | null;
}

export interface PlannedToolCall {
  id: string;
  name: string;
  /** JSON text, as the API carries it. */
  arguments: string;
}

/** One piece of a call in a stream: the first carries its id and name, the others arguments. */
export interface ToolCallFragment {
  index: number;
  id?: string;
  name?: string;
  arguments: string;
}

/** Characters of arguments per streamed fragment. */
export const ARGUMENT_FRAGMENT_CHARS = 8;

type EffectiveChoice = "none" | "auto" | "required" | { name: string };

/** What tool_choice comes to, after vLLM's checks (its messages, word for word). */
export function effectiveToolChoice(request: ToolRequest): EffectiveChoice {
  const { tools, tool_choice: choice } = request;
  if (choice == null) return tools?.length ? "auto" : "none";
  if (choice === "none") return "none";
  if (!tools) throw new SimulatorHttpError(400, "When using `tool_choice`, `tools` must be set.");
  if (choice === "auto") return "auto";
  // Like OpenAI, vLLM treats "required" with an empty list of tools as "none".
  if (choice === "required") return tools.length ? "required" : "none";
  if (!tools.some((tool) => tool.function.name === choice.function.name)) {
    throw new SimulatorHttpError(
      400,
      "The tool specified in `tool_choice` does not match any of the specified `tools`",
    );
  }
  return { name: choice.function.name };
}

function toolCallId(): string {
  return `chatcmpl-tool-${randomUUID().replaceAll("-", "")}`;
}

type Schema = Record<string, unknown>;

function isRecord(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function schemaType(schema: Schema): string | undefined {
  const { type } = schema;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === "string" && t !== "null");
  if (isRecord(schema.properties)) return "object";
  if (isRecord(schema.items)) return "array";
  return undefined;
}

function defaultValue(schema: Schema): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as unknown;
  switch (schemaType(schema)) {
    case "number":
    case "integer":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return {};
    case "null":
      return null;
    default:
      return "example";
  }
}

/** A value from the text, as the property's type if it reads as one, else as it is. */
function convert(raw: string, schema: Schema): unknown {
  switch (schemaType(schema)) {
    case "number": {
      const n = Number(raw);
      return raw.trim() !== "" && Number.isFinite(n) ? n : raw;
    }
    case "integer": {
      const n = Number(raw);
      return raw.trim() !== "" && Number.isInteger(n) ? n : raw;
    }
    case "boolean":
      return /^(true|false)$/i.test(raw) ? raw.toLowerCase() === "true" : raw;
    case "array":
    case "object":
      try {
        const parsed = JSON.parse(raw) as unknown;
        const fits = schemaType(schema) === "array" ? Array.isArray(parsed) : isRecord(parsed);
        return fits ? parsed : raw;
      } catch {
        return raw;
      }
    default:
      return raw;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The value the text gives a property as `<prop>=<value>` or `<prop>: <value>`: a quoted string,
 * or a run of non-whitespace without its trailing `.,;!?`. Undefined when the text gives none.
 */
export function valueInText(text: string, property: string): string | undefined {
  const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(property)}\\s*[=:]\\s*("[^"]*"|'[^']*'|\\S+)`);
  const raw = pattern.exec(text)?.[1];
  if (raw === undefined) return undefined;
  if (/^(["']).*\1$/s.test(raw) && raw.length >= 2) return raw.slice(1, -1);
  const value = raw.replace(/[.,;!?]+$/, "");
  return value === "" ? undefined : value;
}

/**
 * The arguments of a call to a function with this `parameters` schema: every listed property
 * (and any required one it does not list), valued from the text when it gives one, else by type
 * (string "example", number 1, boolean true, array [], object {}, an enum's first value).
 */
export function buildArguments(parameters: Schema | null | undefined, text: string): Record<string, unknown> {
  const properties = isRecord(parameters?.properties) ? parameters.properties : {};
  const required = Array.isArray(parameters?.required)
    ? parameters.required.filter((name): name is string => typeof name === "string")
    : [];
  const names = [...Object.keys(properties), ...required.filter((name) => !(name in properties))];
  const args: Record<string, unknown> = {};
  for (const name of names) {
    const schema = isRecord(properties[name]) ? properties[name] : {};
    const raw = valueInText(text, name);
    args[name] = raw === undefined ? defaultValue(schema) : convert(raw, schema);
  }
  return args;
}

/**
 * The calls the model makes for this request, none when it answers in text. It calls only when
 * tools are given, tool_choice is not "none" and the last message is the user's. A named
 * tool_choice calls that function; otherwise every tool whose name the last user message contains
 * (case-sensitive), in the order of `tools` (only the first with `parallel_tool_calls: false`);
 * with none named, "required" calls the first tool and "auto" answers in text.
 * Throws vLLM's 400 for a tool_choice that does not fit the tools, whatever the last message.
 */
export function chooseToolCalls(request: ToolRequest): PlannedToolCall[] {
  const choice = effectiveToolChoice(request);
  const last = request.messages.at(-1);
  if (choice === "none" || last?.role !== "user") return [];
  const tools = request.tools ?? [];
  const text = contentText(last.content);
  let chosen: Tool[];
  if (typeof choice === "object") {
    chosen = tools.filter((tool) => tool.function.name === choice.name).slice(0, 1);
  } else {
    const seen = new Set<string>();
    const named = tools.filter((tool) => {
      const { name } = tool.function;
      if (name === "" || seen.has(name) || !text.includes(name)) return false;
      seen.add(name);
      return true;
    });
    chosen = request.parallel_tool_calls === false ? named.slice(0, 1) : named;
    if (chosen.length === 0 && choice === "required") chosen = tools.slice(0, 1);
  }
  return chosen.map((tool) => ({
    id: toolCallId(),
    name: tool.function.name,
    arguments: JSON.stringify(buildArguments(tool.function.parameters, text)),
  }));
}

/** Generated tokens a call costs: the usual approximation over its name and arguments, at least 1. */
export function toolCallTokenCount(call: PlannedToolCall): number {
  return Math.max(1, approxTokens(call.name + call.arguments));
}

/**
 * The fragments each generated token of the calls yields, one entry per token: a call's first
 * token yields its header (id, name, empty arguments), then its arguments come in pieces of
 * ARGUMENT_FRAGMENT_CHARS spread evenly over its tokens, the last piece at its last token. Tokens
 * between pieces yield nothing; when a call has fewer tokens than pieces, a token yields several.
 */
export function toolCallFragments(calls: readonly PlannedToolCall[]): ToolCallFragment[][] {
  return calls.flatMap((call, index) => {
    const tokens = toolCallTokenCount(call);
    const fragments: ToolCallFragment[] = [{ index, id: call.id, name: call.name, arguments: "" }];
    for (let at = 0; at < call.arguments.length; at += ARGUMENT_FRAGMENT_CHARS) {
      fragments.push({ index, arguments: call.arguments.slice(at, at + ARGUMENT_FRAGMENT_CHARS) });
    }
    const byToken = Array.from({ length: tokens }, (): ToolCallFragment[] => []);
    const last = fragments.length - 1;
    fragments.forEach((fragment, k) => {
      byToken[last === 0 ? 0 : Math.floor((k * (tokens - 1)) / last)]?.push(fragment);
    });
    return byToken;
  });
}

/**
 * The answer when the conversation ends with tool results: "Simulated answer using <name>:
 * <result>" for each trailing tool message ("and using <name>: <result>" for the next ones), the
 * name found through tool_call_id among the assistant's earlier calls, then the usual filler.
 * Undefined when the last message is not a tool result.
 */
export function toolResultAnswer(messages: readonly ToolTurnMessage[]): TokenAt | undefined {
  let first = messages.length;
  while (first > 0 && messages[first - 1]?.role === "tool") first -= 1;
  const results = messages.slice(first);
  if (results.length === 0) return undefined;
  const names = new Map<string, string>();
  for (const message of messages.slice(0, first)) {
    for (const call of message.tool_calls ?? []) if (call.id) names.set(call.id, call.function.name);
  }
  const limit = Math.max(4, Math.floor(ECHO_WORDS / results.length));
  const lead = ["Simulated", "answer", "using"];
  results.forEach((result, k) => {
    const name = (result.tool_call_id ? names.get(result.tool_call_id) : undefined) ?? result.name ?? "tool";
    if (k > 0) lead.push("and", "using");
    lead.push(`${name}:`, ...echo(contentText(result.content), limit));
  });
  return answerWithLead(lead);
}
