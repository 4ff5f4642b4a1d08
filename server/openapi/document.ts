// The OpenAPI 3.1 document, generated from the endpoint specs and the very zod schemas that
// validate requests and shape responses, so the published contract is the enforced one.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { errorTable, type ErrorCode } from "../errors";
import type { EndpointSpec } from "../http/endpoint";
import { allEndpoints } from "../http/endpoints";
import { errorResponseSchema } from "../schemas/common";
import { getVersion } from "../services/system/get-version";

const errorDescriptions: Record<ErrorCode, string> = {
  UNAUTHORIZED: "No valid credentials",
  FORBIDDEN: "The credentials do not allow this",
  NOT_FOUND: "No such object",
  METHOD_NOT_ALLOWED: "Method not allowed",
  CONFLICT: "Conflicts with the current state (duplicate id, ...)",
  ASSISTANT_DISABLED: "The assistant is disabled",
  INVALID_INPUT: "Invalid input (malformed JSON, unknown or invalid fields)",
  PAYLOAD_TOO_LARGE: "Body over the size limit",
  UNSUPPORTED_MEDIA_TYPE:
    "Body is not of an accepted content type, or an uploaded file's type is not supported",
  RATE_LIMITED: "Too many requests; see Retry-After",
  UNAVAILABLE: "A dependency is unavailable",
  NO_BACKEND: "No enabled backend serves the assistant's model",
  UPSTREAM_ERROR: "The model backend failed or refused the request",
  UPSTREAM_TIMEOUT: "The model backend did not answer in time",
  INTERNAL: "Unexpected error; quote the x-request-id",
};

function errorResponses(codes: ErrorCode[]): ZodOpenApiOperationObject["responses"] {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes, "INTERNAL" as const]) {
    const status = errorTable[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, group]) => [
      String(status),
      {
        description: group.map((code) => `\`${code}\`: ${errorDescriptions[code]}`).join("; "),
        content: { "application/json": { schema: errorResponseSchema } },
      },
    ]),
  );
}

function operation(spec: EndpointSpec): ZodOpenApiOperationObject {
  const status = String(spec.status ?? 200);
  return {
    operationId: `${spec.method}${spec.path.replace(/[{}]/g, "").replace(/[/_-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    security: spec.auth === "public" ? [] : [{ bearerAuth: [] }],
    requestParams: {
      ...(spec.params ? { path: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
    } as ZodOpenApiOperationObject["requestParams"],
    ...(spec.body || spec.multipart
      ? {
          requestBody: {
            content: {
              ...(spec.body ? { "application/json": { schema: spec.body } } : {}),
              ...(spec.multipart ? { "multipart/form-data": { schema: spec.multipart } } : {}),
            },
          },
        }
      : {}),
    responses: {
      [status]: {
        description: spec.summary,
        content: { [spec.contentType ?? "application/json"]: { schema: spec.response } },
      },
      ...errorResponses(spec.errors),
    },
  };
}

let cached: ReturnType<typeof createDocument> | undefined;

export function getOpenApiDocument(): ReturnType<typeof createDocument> {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const spec of allEndpoints as EndpointSpec[]) {
    paths[spec.path] = { ...paths[spec.path], [spec.method]: operation(spec) };
  }
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Hearth API",
      version: getVersion().version,
      description:
        "Self-hosted assistant platform. Admin endpoints take an `admin` API key; runtime endpoints a `runtime` " +
        'key (or an admin key). Errors are `{ "error": { "code", "message", "details"? } }`; every response ' +
        "carries an `x-request-id` header.",
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Hearth API key (hth_...)" },
      },
    },
    security: [{ bearerAuth: [] }],
    paths,
  });
  return cached;
}
