// The methods a route does not serve. Every route file exports them from allowOnly(), given the
// handlers it serves (or, for a route without endpoint specs, their method names), so every path
// answers a wrong method with the JSON error every API response is, its request id and an `Allow`
// header, instead of Next's bare 405 (which also has no request id on the routes proxy.ts skips).
// OPTIONS says what is allowed, as Next's own would if the refusals were not exported. Refusals
// are neither counted nor traced: they are the cheapest answer a route has.
import { AppError } from "../errors";
import type { HttpMethod } from "./endpoint";
import { errorResponse } from "./error-response";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

type Served = { readonly spec: { method: HttpMethod } } | Method;
type MethodOf<T> = T extends { spec: { method: infer M extends HttpMethod } }
  ? Uppercase<M>
  : T extends Method
    ? T
    : never;

type Refusal = (request: Request) => Response;

const handlers = new WeakSet<Refusal>();

/** Whether a route's export comes from allowOnly() (for the test of every route file). */
export const isAllowOnlyHandler = (handler: unknown): boolean =>
  typeof handler === "function" && handlers.has(handler as Refusal);

const methodOf = (served: Served): Method =>
  typeof served === "string" ? served : (served.spec.method.toUpperCase() as Method);

type Others<T extends readonly Served[]> = Exclude<Method, MethodOf<T[number]>> | "OPTIONS";

/**
 * Handlers for the methods other than `served`, and OPTIONS:
 * `export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);`
 */
export function allowOnly<const T extends readonly Served[]>(...served: T): Record<Others<T>, Refusal> {
  const allowed = METHODS.filter((method) => served.some((item) => methodOf(item) === method));
  // HEAD is served wherever GET is (Next answers it with the GET handler).
  const allow = allowed.flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method]));
  const message = (method: string) => `${method} is not allowed here; use ${allowed.join(" or ")}`;
  const refuse: Refusal = (request) =>
    errorResponse(
      new AppError("METHOD_NOT_ALLOWED", message(request.method), { allow }),
      requestIdOf(request),
    );
  // Next's own format: sorted, OPTIONS included.
  const options: Refusal = (request) =>
    new Response(null, {
      status: 204,
      headers: { allow: [...allow, "OPTIONS"].sort().join(", "), [REQUEST_ID_HEADER]: requestIdOf(request) },
    });
  handlers.add(refuse).add(options);
  const others = METHODS.filter((method) => !allowed.includes(method));
  return Object.fromEntries([...others.map((method) => [method, refuse]), ["OPTIONS", options]]) as Record<
    Others<T>,
    Refusal
  >;
}
