// Builds a Next.js route handler from an endpoint spec: resolves the caller, validates path,
// query and body with the spec's schemas, calls the service, and shapes the output through the
// response schema (so nothing outside the documented shape, such as a secret, can leak).
import type { z } from "zod";
import { resolveActor } from "../auth/resolve-actor";
import { env } from "../env";
import type { Actor } from "../services/access/actor";
import type { EndpointSpec } from "./endpoint";
import { errorResponse, invalidInput, toAppError } from "./error-response";
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

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, where);
  return result.data;
}

export function handle<S extends EndpointSpec>(
  spec: S,
  run: (input: HandlerInput<S>) => Promise<z.input<S["response"]>> | z.input<S["response"]>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    try {
      const actor = await resolveActor(request.headers);
      const url = new URL(request.url);
      const input = {
        actor,
        request,
        requestId,
        params: spec.params ? parseWith(spec.params, await context.params, "path") : undefined,
        query: spec.query ? parseWith(spec.query, Object.fromEntries(url.searchParams), "query") : undefined,
        body: spec.body
          ? parseWith(spec.body, await readJsonBody(request, env.HEARTH_MAX_BODY_BYTES), "body")
          : undefined,
      } as HandlerInput<S>;
      const output = spec.response.safeParse(await run(input));
      if (!output.success)
        throw new Error(`${spec.method} ${spec.path}: response does not match its schema`, {
          cause: output.error,
        });
      return Response.json(output.data, {
        status: spec.statusFor?.(output.data as never) ?? spec.status ?? 200,
        headers: { [REQUEST_ID_HEADER]: requestId },
      });
    } catch (error) {
      return errorResponse(toAppError(error, requestId), requestId);
    }
  };
}
