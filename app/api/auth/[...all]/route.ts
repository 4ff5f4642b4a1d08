import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/server/auth/auth";
import { failureResponse } from "@/server/http/error-response";
import { requestIdOf } from "@/server/http/request-id";
import { consumeLoginAttempt } from "@/server/services/auth-limits/consume-login-attempt";

async function emailOf(request: Request): Promise<string | null> {
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    return typeof body.email === "string" ? body.email : null;
  } catch {
    return null;
  }
}

export const GET = (request: Request) => toNextJsHandler(getAuth()).GET(request);

export async function POST(request: Request) {
  if (new URL(request.url).pathname.endsWith("/sign-in/email")) {
    const email = await emailOf(request);
    if (email) {
      try {
        await consumeLoginAttempt(email);
      } catch (error) {
        return failureResponse(error, request, requestIdOf(request));
      }
    }
  }
  return toNextJsHandler(getAuth()).POST(request);
}
