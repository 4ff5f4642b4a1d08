// Handlers for the methods a route does not serve, for the routes that proxy.ts skips: the JSON
// error every API response is, with its request id and an Allow header, instead of Next's empty 405.
import { AppError } from "../errors";
import { errorResponse } from "./error-response";
import { requestIdOf } from "./request-id";

export function methodNotAllowed(allowed: readonly string[]) {
  const refuse = (request: Request) =>
    errorResponse(
      new AppError(
        "METHOD_NOT_ALLOWED",
        `${request.method} is not allowed here; use ${allowed.join(" or ")}`,
        undefined,
        { allow: allowed.join(", ") },
      ),
      requestIdOf(request),
    );
  return { GET: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}
