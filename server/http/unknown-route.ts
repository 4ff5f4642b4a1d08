// Answers requests to paths under the API prefixes that no endpoint serves with the JSON error
// shape (instead of Next's HTML 404 page), so API clients always get parseable errors.
import { AppError } from "../errors";
import { errorResponse } from "./error-response";
import { requestIdOf } from "./request-id";

function unknownRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(
    new AppError("NOT_FOUND", `No endpoint ${request.method} ${pathname}; see /openapi.json`),
    requestIdOf(request),
  );
}

export const unknownRouteHandlers = {
  GET: unknownRoute,
  POST: unknownRoute,
  PUT: unknownRoute,
  PATCH: unknownRoute,
  DELETE: unknownRoute,
};
