// HTTP tools from an OpenAPI document: each operation becomes a tool the admin can add to an
// assistant (POST /admin/tools/import-openapi). The document is parsed here (JSON or YAML) and
// validated and dereferenced by @readme/openapi-parser with every external resolver off, so a
// document can make Hearth read no file and fetch no URL: only its own `#/...` references count.
//
// An operation maps onto Hearth's HTTP tool: path parameters stay `{name}` placeholders; query
// parameters are arguments of GET and DELETE; a JSON object body's properties are the arguments
// of POST, PUT and PATCH. What that cannot express is skipped with the reason (a required header
// or cookie, a required query parameter beside a body, a body that is not a JSON object).
import { dereference, validate } from "@readme/openapi-parser";
import { parse as parseYaml } from "yaml";
import { AppError } from "../../errors";
import type { HttpToolDto, ImportOpenApiInput, ImportOpenApiResult } from "../../schemas/assistant-tools";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";

type Json = Record<string, unknown>;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const UNSUPPORTED = ["head", "options", "trace"] as const;
// No resolver reaches outside the document, and validation gives up after 2 s (a document whose
// references fan out can be small and still very large once resolved).
const NO_EXTERNAL = { resolve: { external: false, file: false }, timeoutMs: 2_000 };
/**
 * Values in a tool's `parameters`, counted as written out: a schema whose references fan out
 * (each shared object counts every time it appears) is skipped before it is ever serialized.
 */
const MAX_PARAMETERS_NODES = 5_000;

export async function importOpenApi(actor: Actor, input: ImportOpenApiInput): Promise<ImportOpenApiResult> {
  authorize(actor, "assistants:write");
  const document = await dereferenced(parsedDocument(input.document));
  const base = baseUrl(document, input.base_url);
  const wanted = input.operations ? new Set(input.operations) : null;
  const data: HttpToolDto[] = [];
  const skipped: ImportOpenApiResult["skipped"] = [];
  const names = new Set<string>();
  const matched = new Set<string>();
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    const shared = (item.parameters ?? []) as Json[];
    for (const method of [...METHODS, ...UNSUPPORTED]) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const label = `${method.toUpperCase()} ${path}`;
      const id = typeof operation.operationId === "string" ? operation.operationId : null;
      if (wanted && !wanted.has(label) && !(id && wanted.has(id))) continue;
      matched.add(label).add(id ?? label);
      const tool = toTool({ path, method, operation, shared, base, id, names });
      if (typeof tool === "string") skipped.push({ operation: id ?? label, reason: tool });
      else {
        names.add(tool.name);
        data.push(tool);
      }
    }
  }
  for (const name of wanted ?? []) {
    if (!matched.has(name)) skipped.push({ operation: name, reason: "no such operation in the document" });
  }
  return { object: "list", data, skipped };
}

function parsedDocument(document: ImportOpenApiInput["document"]): Json {
  if (typeof document !== "string") return document;
  try {
    const parsed: unknown = parseYaml(document, { maxAliasCount: 100 }); // YAML is a superset of JSON
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Json;
  } catch {
    // reported below
  }
  throw new AppError("INVALID_INPUT", "document: not a JSON or YAML object");
}

async function dereferenced(document: Json): Promise<Json> {
  if (typeof document.openapi !== "string" || !/^3\.[01]\./.test(document.openapi)) {
    throw new AppError("INVALID_INPUT", "document: only OpenAPI 3.0 and 3.1 documents can be imported");
  }
  const result = await validate(structuredClone(document) as never, NO_EXTERNAL).catch((error: unknown) => ({
    valid: false as const,
    errors: [{ message: error instanceof Error ? error.message : String(error) }],
  }));
  if (!result.valid) {
    const first = result.errors.slice(0, 3).map((error) => error.message.split("\n")[0]);
    throw new AppError("INVALID_INPUT", `document: not a valid OpenAPI document: ${first.join("; ")}`);
  }
  try {
    return await dereference(document as never, {
      ...NO_EXTERNAL,
      dereference: { circular: "ignore" },
    });
  } catch (error) {
    throw new AppError(
      "INVALID_INPUT",
      `document: its references cannot be resolved: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The API's base URL: the first server's (its variables at their defaults), against `given`. */
function baseUrl(document: Json, given: string | undefined): string | null {
  const [server] = (document.servers ?? []) as Json[];
  let url = typeof server?.url === "string" ? server.url : "";
  for (const [name, variable] of Object.entries((server?.variables ?? {}) as Record<string, Json>)) {
    url = url.replaceAll(`{${name}}`, typeof variable.default === "string" ? variable.default : "");
  }
  const resolved = URL.parse(url, given) ?? (given ? URL.parse(given) : null);
  if (!resolved || !/^https?:$/.test(resolved.protocol)) return null;
  return resolved.href.replace(/\/+$/, "");
}

/** A function name from an operation id or its method and path: letters, digits, `_`, `-`. */
function sanitize(text: string): string {
  return text
    .replace(/[{}]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64);
}

interface Operation {
  path: string;
  method: string;
  operation: Json;
  shared: Json[];
  base: string | null;
  id: string | null;
  names: Set<string>;
}

/** The tool for one operation, or why it cannot be one. */
function toTool({ path, method, operation, shared, base, id, names }: Operation): HttpToolDto | string {
  if ((UNSUPPORTED as readonly string[]).includes(method))
    return `${method.toUpperCase()} is not a tool method`;
  if (!base) return "the document names no absolute server URL: give base_url";
  const name = sanitize(id ?? `${method}_${path}`);
  if (!name) return "no usable name";
  if (names.has(name)) return `another operation is already named ${name}`;
  const hasBody = method === "post" || method === "put" || method === "patch";
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  // Operation-level parameters override path-level ones of the same name and place.
  const parameters = new Map<string, Json>();
  for (const parameter of [...shared, ...((operation.parameters ?? []) as Json[])]) {
    parameters.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
  }
  for (const parameter of parameters.values()) {
    const where = String(parameter.in);
    const pname = String(parameter.name);
    const isRequired = parameter.required === true || where === "path";
    if (where === "path" || (where === "query" && !hasBody)) {
      properties[pname] = describe(parameter.schema as Json | undefined, parameter.description);
      if (isRequired) required.push(pname);
    } else if (isRequired) {
      return `its required ${where} parameter '${pname}' cannot be sent by a tool`;
    }
  }
  if (hasBody) {
    const body = bodySchema(operation);
    if (typeof body === "string") return body;
    if (body) {
      for (const [pname, schema] of Object.entries((body.properties ?? {}) as Json)) {
        if (pname in properties) return `the body property '${pname}' has the name of a parameter`;
        properties[pname] = schema;
      }
      for (const pname of (body.required ?? []) as string[]) required.push(pname);
    }
  }
  if (!withinNodes({ properties, required }, MAX_PARAMETERS_NODES)) {
    return `its arguments' schema is too large (more than ${MAX_PARAMETERS_NODES} values written out)`;
  }
  const text = [operation.summary, operation.description].filter((part) => typeof part === "string");
  return {
    type: "http",
    name,
    description: text.join("\n\n").slice(0, 4096),
    method: method.toUpperCase() as HttpToolDto["method"],
    url: `${base}${path}`,
    parameters: { type: "object", properties, ...(required.length > 0 && { required }) },
    headers: {},
    timeout_ms: 10_000,
    max_response_bytes: 65_536,
  };
}

/** Whether `value`, written out as JSON, holds at most `limit` values (stops counting past it). */
function withinNodes(value: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (++count > limit) return false;
    if (next && typeof next === "object") stack.push(...(Object.values(next) as unknown[]));
  }
  return true;
}

function describe(schema: Json | undefined, description: unknown): Json {
  const described = { ...(schema ?? { type: "string" }) };
  if (typeof description === "string" && !described.description) described.description = description;
  return described;
}

/** The JSON object schema of an operation's body, none, or why it cannot be a tool's. */
function bodySchema(operation: Json): Json | null | string {
  const body = operation.requestBody as Json | undefined;
  if (!body) return null;
  const content = (body.content ?? {}) as Record<string, Json>;
  const json = Object.entries(content).find(([type]) => /^application\/(.+\+)?json\b/.test(type))?.[1];
  if (!json) return body.required === true ? "its request body is not JSON" : null;
  const schema = (json.schema ?? {}) as Json;
  const isObject = schema.type === "object" || (schema.type === undefined && schema.properties !== undefined);
  return isObject ? schema : "its request body is not a JSON object";
}
