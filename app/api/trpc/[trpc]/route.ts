import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "@/server/env";
import { allowOnly } from "@/server/http/method-not-allowed";
import { withBodyLimit } from "@/server/http/read-json-body";
import { createTrpcContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

function handler(request: Request) {
  // The body limit of REST (HEARTH_MAX_BODY_BYTES): tRPC reads the body when a call needs its
  // input, and reading past the limit fails that call with 413.
  const limited = withBodyLimit(request, env.HEARTH_MAX_BODY_BYTES);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: limited,
    router: appRouter,
    // One HTTP request must not fan out into unbounded work; the console batches at most 25.
    maxBatchSize: 50,
    createContext: () => createTrpcContext(limited),
  });
}

export { handler as GET, handler as POST };

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");
