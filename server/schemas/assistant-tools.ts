// The tools an admin attaches to an assistant, which Hearth runs itself in a bounded loop: HTTP
// operations and MCP servers (knowledge search as a tool is `rag.mode: "tool"`). Secret headers
// are write-only: an input gives their values, the assistant shows only their names, and the
// database holds them encrypted (services/tools/stored-tools.ts).
import { z } from "zod";
import { functionNameSchema } from "./common";

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

const headersSchema = z
  .record(
    z.string().regex(HEADER_NAME, "a header name is a token of at most 100 characters"),
    z
      .string()
      .max(4096)
      .regex(/^[^\r\n]*$/, "a header value is one line"),
  )
  .refine((headers) => Object.keys(headers).length <= 16, "at most 16 headers");

const urlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .max(2048)
  .refine((url) => {
    const parsed = URL.parse(url); // null when z.url() has already refused it
    return !parsed?.username && !parsed?.password;
  }, "must not hold a user name or password: send credentials as secret_headers")
  .meta({
    description: "Where the tool is reached; its host is checked against the backend host allowlist.",
  });

const timeoutSchema = z.number().int().min(100).max(120_000);

/** The fields of an HTTP operation the model may call as one function. */
const httpToolShape = {
  type: z.literal("http"),
  name: functionNameSchema.meta({ description: "The function name the model calls; unique per assistant." }),
  description: z.string().max(4096).meta({ description: "What the tool does, for the model." }),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  url: urlSchema.meta({
    description:
      "The operation's URL. `{name}` placeholders in its path are filled from the arguments of the same " +
      "name (URL-encoded); the other arguments go in the query string (GET, DELETE) or the JSON body.",
  }),
  parameters: z
    .record(z.string(), z.unknown())
    .meta({ description: "A JSON Schema object for the arguments, as OpenAI's `function.parameters`." }),
  headers: headersSchema.meta({ description: "Headers sent with every call, shown to admins." }),
  timeout_ms: timeoutSchema,
  max_response_bytes: z.number().int().min(256).max(1_048_576).meta({
    description: "A longer response is cut at this size, and the model is told it was cut.",
  }),
};

/** An MCP server over streamable HTTP: each of its (allowed) tools is a function for the model. */
const mcpToolShape = {
  type: z.literal("mcp"),
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, "a server label is 1-32 letters, digits, underscores or dashes")
    .meta({ description: "The server's label: its tools are offered to the model as `<label>__<tool>`." }),
  url: urlSchema.meta({ description: "The MCP server's streamable HTTP endpoint." }),
  allowed_tools: z
    .array(z.string().min(1).max(128))
    .max(128)
    .nullable()
    .meta({ description: "The server's tools the model may call; null for all of them." }),
  headers: headersSchema.meta({ description: "Headers sent with every request, shown to admins." }),
  timeout_ms: timeoutSchema,
};

const secretHeadersInput = headersSchema.optional().meta({
  description:
    "Headers whose values are secret (an API key): stored encrypted and never shown again. Omitted on an " +
    "update of a tool of the same name, the stored ones are kept; `{}` removes them.",
});
const secretNamesOutput = z.array(z.string()).meta({ description: "The names of the secret headers set." });

export const assistantToolInputSchema = z
  .discriminatedUnion("type", [
    z.strictObject({
      ...httpToolShape,
      description: httpToolShape.description.default(""),
      parameters: httpToolShape.parameters.default({ type: "object", properties: {} }),
      headers: httpToolShape.headers.default({}),
      timeout_ms: timeoutSchema.default(10_000),
      max_response_bytes: httpToolShape.max_response_bytes.default(65_536),
      secret_headers: secretHeadersInput,
    }),
    z.strictObject({
      ...mcpToolShape,
      allowed_tools: mcpToolShape.allowed_tools.default(null),
      headers: mcpToolShape.headers.default({}),
      timeout_ms: timeoutSchema.default(15_000),
      secret_headers: secretHeadersInput,
    }),
  ])
  .meta({ id: "AssistantToolInput" });
export type AssistantToolInput = z.infer<typeof assistantToolInputSchema>;

export const assistantToolSchema = z
  .discriminatedUnion("type", [
    z.object({ ...httpToolShape, secret_header_names: secretNamesOutput }),
    z.object({ ...mcpToolShape, secret_header_names: secretNamesOutput }),
  ])
  .meta({ id: "AssistantTool" });
export type AssistantToolDto = z.infer<typeof assistantToolSchema>;

export const assistantToolsInputSchema = z
  .array(assistantToolInputSchema)
  .max(16)
  .refine(
    (tools) => new Set(tools.map((tool) => tool.name)).size === tools.length,
    "tool names must be unique",
  );

/** The bounds of a tool loop: a question never runs more model steps, time or tokens than these. */
export const toolLimitsShape = {
  max_steps: z.number().int().min(1).max(16).meta({
    description:
      "Model calls per question, the final answer included; the last step may not call tools, so it answers.",
  }),
  max_ms: z.number().int().min(1_000).max(600_000).meta({
    description: "Once a question has run this long, the next step answers without tools.",
  }),
  max_tokens: z.number().int().min(1).max(1_000_000).nullable().meta({
    description: "Completion tokens over all steps; once spent, the next step answers without tools.",
  }),
};
export const toolLimitsSchema = z.object(toolLimitsShape);
export type ToolLimits = z.infer<typeof toolLimitsSchema>;

/** An HTTP tool as an OpenAPI import proposes it: ready to add to `tools` (no secrets yet). */
export const httpToolSchema = z.object(httpToolShape).meta({ id: "HttpTool" });
export type HttpToolDto = z.infer<typeof httpToolSchema>;

export const importOpenApiInputSchema = z
  .strictObject({
    document: z
      .union([z.string().min(1).max(2_000_000), z.record(z.string(), z.unknown())])
      .meta({ description: "An OpenAPI 3.0 or 3.1 document: JSON or YAML text, or the JSON object itself." }),
    base_url: urlSchema.optional().meta({
      description: "The API's base URL when the document names none, or only a relative one.",
    }),
    operations: z.array(z.string().min(1).max(300)).max(100).optional().meta({
      description: "The operations to import, by `operationId` or as `GET /path`; all of them if omitted.",
    }),
  })
  .meta({ id: "ImportOpenApiInput" });
export type ImportOpenApiInput = z.infer<typeof importOpenApiInputSchema>;

export const importOpenApiResultSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(httpToolSchema).meta({
      description:
        "One HTTP tool per operation, for the assistant's `tools` (add `secret_headers` for its credentials).",
    }),
    skipped: z
      .array(z.object({ operation: z.string(), reason: z.string() }))
      .meta({ description: "Operations that cannot be a tool, and why." }),
  })
  .meta({ id: "ImportOpenApiResult" });
export type ImportOpenApiResult = z.infer<typeof importOpenApiResultSchema>;
