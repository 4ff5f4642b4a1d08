// The Tools section's values and validation: each tool as the form holds it (text, key/value rows,
// what becomes of its secret headers) and as the API takes it, checked with the server's own field
// schemas so that the form refuses what the server would, with its messages. Secret header values
// are write-only: the form knows only the names the server shows, and sends values only when the
// admin replaces them (a tool sent without `secret_headers` keeps the ones stored under its name).
import { z } from "zod";
import {
  assistantToolInputSchema,
  assistantToolSchema,
  assistantToolsInputSchema,
  toolLimitsShape,
  type AssistantToolDto,
  type ToolLimits,
} from "@/server/schemas/assistant-tools";
import { formErrorMap } from "../../_lib/form-errors";

export const MAX_TOOLS = 16;
export const MAX_HEADERS = 16;

const http = assistantToolSchema.options[0].shape;
const mcp = assistantToolSchema.options[1].shape;
const httpInput = assistantToolInputSchema.options[0].shape;
const mcpInput = assistantToolInputSchema.options[1].shape;

const isBlank = (value: string) => value.trim() === "";

function requiredNumber<T extends z.ZodType<number, number>>(target: T) {
  return z
    .string()
    .refine((value) => !isBlank(value), "Required")
    .transform(Number)
    .pipe(target);
}

/** Seconds in the form, milliseconds in the API, within the server's bounds. */
function secondsOf(ms: z.ZodNumber) {
  const seconds = z
    .number()
    .min((ms.minValue ?? 0) / 1000)
    .max((ms.maxValue ?? Infinity) / 1000);
  return requiredNumber(seconds)
    .transform((s) => Math.round(s * 1000))
    .pipe(ms);
}

const text = (value: number | null) => (value === null ? "" : String(value));
const toSeconds = (ms: number) => text(ms / 1000);

export type HeaderRow = { key: string; value: string };

/**
 * Header rows as a record, each row checked with the server's rules for a header's name and value
 * (names are case-insensitive in HTTP, so `X-Team` and `x-team` are the same header). An empty row
 * is ignored; a secret header needs a value.
 */
function headerRowsField(secret: boolean) {
  const headers = http.headers;
  return z
    .array(z.object({ key: z.string().trim(), value: z.string() }))
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach(({ key, value }, index) => {
        if (key === "" && value === "") return;
        const issue = (field: "key" | "value", message: string) =>
          ctx.addIssue({ code: "custom", path: [index, field], message });
        const keyIssue = headers.keyType.safeParse(key, { error: formErrorMap }).error?.issues[0];
        if (key === "") issue("key", "Enter a header name");
        else if (keyIssue) issue("key", keyIssue.message);
        else if (seen.has(key.toLowerCase())) issue("key", "This header is already set");
        const valueIssue = headers.valueType.safeParse(value, { error: formErrorMap }).error?.issues[0];
        if (valueIssue) issue("value", valueIssue.message);
        else if (secret && value === "") issue("value", "Enter the value");
        seen.add(key.toLowerCase());
      });
    })
    .transform((rows) =>
      Object.fromEntries(rows.filter((row) => row.key !== "").map((row) => [row.key, row.value])),
    )
    .pipe(headers);
}

/** What becomes of a tool's secret headers when the form is saved. */
export type SecretMode = "keep" | "replace" | "remove";

const secretHeadersField = z.object({
  /** The names the server shows for the saved tool (never the values). */
  stored: z.array(z.string()),
  mode: z.enum(["keep", "replace", "remove"]),
  rows: headerRowsField(true),
});

/** The API's `secret_headers` of a tool: absent to keep the stored ones, `{}` to remove them. */
function secretInput({ mode, rows }: z.output<typeof secretHeadersField>) {
  if (mode === "keep") return {};
  return { secret_headers: mode === "remove" ? {} : rows };
}

/**
 * The server keeps a tool's secret headers under its name: renamed and left as they are, they would
 * be dropped without a word, so the form asks the admin to enter them again or remove them.
 */
function checkRename(
  tool: { saved_name: string | null; name: string; secret_headers: { stored: string[]; mode: SecretMode } },
  ctx: z.RefinementCtx,
) {
  const { saved_name: saved, secret_headers: secret } = tool;
  if (saved !== null && secret.mode === "keep" && secret.stored.length > 0 && tool.name !== saved) {
    ctx.addIssue({
      code: "custom",
      path: ["secret_headers"],
      message: `The secret headers are stored under the name '${saved}': replace or remove them`,
    });
  }
}

/** A JSON Schema typed as text; blank means no arguments. */
const parametersField = z
  .string()
  .transform((value, ctx): Record<string, unknown> => {
    if (isBlank(value)) return { type: "object", properties: {} };
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `Not valid JSON: ${(error as Error).message}` });
      return z.NEVER;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      ctx.addIssue({ code: "custom", message: 'Enter a JSON object, such as {"type": "object"}' });
      return z.NEVER;
    }
    return parsed as Record<string, unknown>;
  })
  .pipe(http.parameters);

/** One name per line or comma-separated; none means all of the server's tools (null). */
const allowedToolsField = z.string().transform((value, ctx) => {
  const names = value
    .split(/[\n,]/)
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) return null;
  const result = mcp.allowed_tools.safeParse(names, { error: formErrorMap });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = typeof issue.path[0] === "number" ? `'${names[issue.path[0]]}': ` : "";
    ctx.addIssue({ code: "custom", message: `${at}${issue.message}` });
  }
  return z.NEVER;
});

/** The fields both kinds of tool share in the form (those of the other kind are left as they are). */
const commonFields = {
  /** The name the tool was saved under, null for a tool added in this form. */
  saved_name: z.string().nullable(),
  url: z.string().trim().pipe(http.url),
  headers: headerRowsField(false),
  secret_headers: secretHeadersField,
  timeout_s: secondsOf(http.timeout_ms),
  description: z.string(),
  method: http.method,
  parameters: z.string(),
  max_response_bytes: z.string(),
  allowed_tools: z.string(),
};

const httpToolField = z
  .object({
    ...commonFields,
    type: z.literal("http"),
    name: z.string().trim().pipe(http.name),
    description: http.description,
    parameters: parametersField,
    max_response_bytes: requiredNumber(http.max_response_bytes),
  })
  .superRefine(checkRename)
  .transform((tool) => ({
    type: tool.type,
    name: tool.name,
    description: tool.description,
    method: tool.method,
    url: tool.url,
    parameters: tool.parameters,
    headers: tool.headers,
    timeout_ms: tool.timeout_s,
    max_response_bytes: tool.max_response_bytes,
    ...secretInput(tool.secret_headers),
  }));

const mcpToolField = z
  .object({
    ...commonFields,
    type: z.literal("mcp"),
    name: z.string().trim().pipe(mcp.name),
    timeout_s: secondsOf(mcp.timeout_ms),
    allowed_tools: allowedToolsField,
  })
  .superRefine(checkRename)
  .transform((tool) => ({
    type: tool.type,
    name: tool.name,
    url: tool.url,
    allowed_tools: tool.allowed_tools,
    headers: tool.headers,
    timeout_ms: tool.timeout_s,
    ...secretInput(tool.secret_headers),
  }));

/** The assistant's tools: each checked on its own fields, two of one name refused on the later one. */
export const toolsField = z
  .array(z.discriminatedUnion("type", [httpToolField, mcpToolField]))
  .max(MAX_TOOLS)
  .superRefine((tools, ctx) => {
    const seen = new Set<string>();
    tools.forEach((tool, index) => {
      if (seen.has(tool.name)) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: "Another tool has this name" });
      }
      seen.add(tool.name);
    });
  })
  // Anything else the server would refuse of the list as a whole shows under it.
  .transform((tools, ctx) => {
    const result = assistantToolsInputSchema.safeParse(tools, { error: formErrorMap });
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });

const limits = toolLimitsShape;

export const toolLimitsField = z
  .object({
    max_steps: requiredNumber(limits.max_steps),
    max_s: secondsOf(limits.max_ms),
    max_tokens: z
      .string()
      .transform((value) => (isBlank(value) ? null : Number(value)))
      .pipe(limits.max_tokens),
  })
  .transform(({ max_steps, max_s, max_tokens }): ToolLimits => ({ max_steps, max_ms: max_s, max_tokens }));

export type ToolFormValues = z.input<typeof httpToolField> | z.input<typeof mcpToolField>;
export type ToolLimitsValues = z.input<typeof toolLimitsField>;

const DEFAULT_PARAMETERS = { type: "object", properties: {} };
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** What a new tool of each kind starts with: the server's defaults. */
export function newTool(type: "http" | "mcp"): ToolFormValues {
  const common = {
    saved_name: null,
    name: "",
    url: "",
    headers: [],
    // A tool added here has no stored secrets: what its rows hold (maybe nothing) is sent.
    secret_headers: { stored: [], mode: "replace" as const, rows: [] },
    description: "",
    method: "GET" as const,
    parameters: json(DEFAULT_PARAMETERS),
    max_response_bytes: text(httpInput.max_response_bytes.parse(undefined)),
    allowed_tools: "",
  };
  return type === "http"
    ? { ...common, type, timeout_s: toSeconds(httpInput.timeout_ms.parse(undefined)) }
    : { ...common, type, timeout_s: toSeconds(mcpInput.timeout_ms.parse(undefined)) };
}

const rowsOf = (record: Record<string, string>): HeaderRow[] =>
  Object.entries(record).map(([key, value]) => ({ key, value }));

export function toToolFormValues(tool: AssistantToolDto): ToolFormValues {
  const common = {
    saved_name: tool.name,
    name: tool.name,
    url: tool.url,
    headers: rowsOf(tool.headers),
    secret_headers: { stored: tool.secret_header_names, mode: "keep" as const, rows: [] },
    timeout_s: toSeconds(tool.timeout_ms),
  };
  if (tool.type === "mcp") {
    return {
      ...newTool("mcp"),
      ...common,
      type: "mcp",
      allowed_tools: (tool.allowed_tools ?? []).join("\n"),
    };
  }
  return {
    ...newTool("http"),
    ...common,
    type: "http",
    description: tool.description,
    method: tool.method,
    parameters: json(tool.parameters),
    max_response_bytes: text(tool.max_response_bytes),
  };
}

export function toToolLimitsValues(limits: ToolLimits): ToolLimitsValues {
  return {
    max_steps: text(limits.max_steps),
    max_s: toSeconds(limits.max_ms),
    max_tokens: text(limits.max_tokens),
  };
}

/** A saved tool as the API would take it back unchanged (its secrets kept): for finding changes. */
export function unchangedToolInput({ secret_header_names: _names, ...tool }: AssistantToolDto) {
  return tool;
}

/**
 * The form field a server-side validation path of the tools refers to (`tools.2.timeout_ms`,
 * `tool_limits.max_ms`), if the form has one.
 */
export function toolFieldForPath(path: string): string | undefined {
  if (path === "tools") return "tools.root";
  const tool = /^tools\.(\d+)\.(\w+)/.exec(path);
  if (tool) {
    const [, index, field] = tool;
    const fields: Record<string, string> = {
      name: "name",
      description: "description",
      method: "method",
      url: "url",
      parameters: "parameters",
      allowed_tools: "allowed_tools",
      timeout_ms: "timeout_s",
      max_response_bytes: "max_response_bytes",
      headers: "headers.root",
      secret_headers: "secret_headers",
    };
    return fields[field!] && `tools.${index}.${fields[field!]}`;
  }
  const limit = /^tool_limits\.(max_steps|max_ms|max_tokens)$/.exec(path);
  if (limit) return `tool_limits.${limit[1] === "max_ms" ? "max_s" : limit[1]}`;
  return undefined;
}
