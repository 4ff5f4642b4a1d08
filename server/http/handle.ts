// Builds a Next.js route handler from an endpoint spec: resolves the caller, validates path,
// query and body with the spec's schemas, calls the service, and shapes the output through the
// response schema (so nothing outside the documented shape, such as a secret, can leak).
import path from "node:path";
import type { z } from "zod";
import { resolveActor } from "../auth/resolve-actor";
import { env } from "../env";
import { AppError } from "../errors";
import { clientAddressOf } from "./client-address";
import { anonymous, type Actor } from "../services/access/actor";
import { observeHttpRequest } from "../services/observability/metrics";
import type { EndpointSpec } from "./endpoint";
import { failureResponse, invalidInput } from "./error-response";
import { receiveMultipart, type MultipartUpload } from "./multipart";
import { readJsonBody } from "./read-json-body";
import { assertSameOriginForCookies } from "./same-origin";
import { assertStorableInput } from "./storable-input";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id";
import { traceRoute } from "./trace-route";

type Part<S, K extends string> = S extends Record<K, infer T extends z.ZodType> ? z.output<T> : undefined;

export interface HandlerInput<S extends EndpointSpec> {
  actor: Actor;
  params: Part<S, "params">;
  query: Part<S, "query">;
  body: Part<S, "body">;
  /** For endpoints with `multipart`, when the request is multipart: the staged upload. */
  upload: MultipartUpload | undefined;
  request: Request;
  requestId: string;
}

const isMultipart = (request: Request) =>
  /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");

function receiveUpload(request: Request): Promise<MultipartUpload> {
  return receiveMultipart(
    request,
    {
      maxFileBytes: env.HEARTH_MAX_UPLOAD_BYTES,
      maxFiles: env.HEARTH_MAX_UPLOAD_FILES,
      fileFields: ["file", "files"],
    },
    path.join(env.dataDir, "tmp", "uploads"),
  );
}

export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, where);
  return result.data;
}

/** Resolves the caller and validates path, query and body against the spec's schemas. */
export async function parseRequest<S extends EndpointSpec>(
  spec: S,
  request: Request,
  context: RouteContext,
  requestId: string,
): Promise<HandlerInput<S>> {
  // Public endpoints (health probes) ignore credentials; the others check them before input,
  // so a caller without any gets 401 rather than hints about the schema.
  const resolved = spec.auth === "public" ? anonymous : await resolveActor(request.headers);
  const actor: Actor = { ...resolved, via: { clientAddress: clientAddressOf(request.headers), requestId } };
  if (spec.auth !== "public" && actor.kind === "anonymous") {
    throw new AppError("UNAUTHORIZED", "Authentication required: send `Authorization: Bearer <api key>`");
  }
  const url = new URL(request.url);
  assertSameOriginForCookies(actor, request);
  const rawParams = await context.params;
  const rawQuery = Object.fromEntries(url.searchParams);
  assertStorableInput(rawParams, "path");
  assertStorableInput(rawQuery, "query");
  const params = spec.params ? parseWith(spec.params, rawParams, "path") : undefined;
  const query = spec.query ? parseWith(spec.query, rawQuery, "query") : undefined;
  const multipart = spec.multipart !== undefined && (isMultipart(request) || !spec.body);
  return {
    actor,
    request,
    requestId,
    params,
    query,
    upload: multipart ? await receiveUpload(request) : undefined,
    body:
      spec.body && !multipart
        ? parseWith(spec.body, await readJsonBody(request, env.HEARTH_MAX_BODY_BYTES), "body")
        : undefined,
  } as HandlerInput<S>;
}

/** Shapes a service's result through the spec's response schema into the JSON response. */
export function jsonResponse<S extends EndpointSpec>(
  spec: S,
  result: z.input<S["response"]>,
  requestId: string,
): Response {
  const output = spec.response.safeParse(result);
  if (!output.success) {
    throw new Error(`${spec.method} ${spec.path}: response does not match its schema`, {
      cause: output.error,
    });
  }
  return Response.json(output.data, {
    status: spec.statusFor?.(output.data as never) ?? spec.status ?? 200,
    headers: { [REQUEST_ID_HEADER]: requestId },
  });
}

/** Counts a request in the metrics under its route template (never the raw path). */
export function observeRequest(spec: EndpointSpec, response: Response, startedAt: number): void {
  observeHttpRequest(spec.path, spec.method, response.status, (performance.now() - startedAt) / 1000);
}

export function handle<S extends EndpointSpec>(
  spec: S,
  run: (input: HandlerInput<S>) => Promise<z.input<S["response"]>> | z.input<S["response"]>,
) {
  return traceRoute(spec, async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    let upload: MultipartUpload | undefined;
    let response: Response | undefined;
    try {
      const input = await parseRequest(spec, request, context, requestId);
      upload = input.upload;
      response = jsonResponse(spec, await run(input), requestId);
    } catch (error) {
      response = failureResponse(error, request, requestId);
    } finally {
      // Staged upload files are gone once the request is answered, whatever happened.
      await upload?.cleanup();
    }
    observeRequest(spec, response, started);
    return response;
  });
}
