import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/server/auth/auth";
import { forBetterAuth, signIn } from "@/server/http/sign-in";
import { clientAddressOf } from "@/server/http/client-address";
import { failureResponse } from "@/server/http/error-response";
import { allowOnly } from "@/server/http/method-not-allowed";
import { requestIdOf } from "@/server/http/request-id";

const handlers = () => toNextJsHandler(getAuth());

export const GET = (request: Request) =>
  handlers().GET(forBetterAuth(request, clientAddressOf(request.headers)));

export async function POST(request: Request) {
  const requestId = requestIdOf(request);
  const clientAddress = clientAddressOf(request.headers);
  try {
    if (new URL(request.url).pathname.endsWith("/sign-in/email")) {
      return await signIn(request, { clientAddress, requestId }, handlers().POST);
    }
    return await handlers().POST(forBetterAuth(request, clientAddress));
  } catch (error) {
    return failureResponse(error, request, requestId);
  }
}

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");
