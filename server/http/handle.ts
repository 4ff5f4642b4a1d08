// Builds a Next.js route handler from an endpoint spec: resolves the caller, validates path,
// query and body with the spec's schemas, calls the service, and shapes the output through the
// response schema (so nothing outside the documented shape, such as a secret, can leak).
import type { z } from "zod";
import { resolveActor } from "../auth/resolve-actor";
import { env } from "../env";
import { AppError } from "../errors";
import { anonymous, type Actor } from "../services/access/actor";
import type { EndpointSpec } from "./endpoint";
import { failureResponse, invalidInput } from "./error-response";
import { readJsonBody } from "./read-json-body";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id";

type Part<S, K extends string> = S extends Record<K, infer T extends z.ZodType> ? z.output<T> : undefined;

export interface HandlerInput<S extends EndpointSpec> {
  actor: Actor;
  params: Part<S, "params">;
  query: Part<S, "query">;
  body: Part<S, "body">;
  request: Request;
  requestId: string;
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
  const actor = spec.auth === "public" ? anonymous : await resolveActor(request.headers);
  if (spec.auth !== "public" && actor.kind === "anonymous") {
    throw new AppError("UNAUTHORIZED", "Authentication required: send `Authorization: Bearer <api key>`");
  }
  const url = new URL(request.url);
  return {
    actor,
    request,
    requestId,
    params: spec.params ? parseWith(spec.params, await context.params, "path") : undefined,
    query: spec.query ? parseWith(spec.query, Object.fromEntries(url.searchParams), "query") : undefined,
    body: spec.body
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

export function handle<S extends EndpointSpec>(
  spec: S,
  run: (input: HandlerInput<S>) => Promise<z.input<S["response"]>> | z.input<S["response"]>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    try {
      const input = await parseRequest(spec, request, context, requestId);
      return jsonResponse(spec, await run(input), requestId);
    } catch (error) {
      return failureResponse(error, request, requestId);
    }
  };
}
