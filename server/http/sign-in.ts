// The console's sign-in, in front of better-auth's own endpoint: the body is read here in any
// form better-auth would accept (JSON, URL-encoded or multipart), the attempt is counted against
// the limits for its account and client address, and better-auth receives the same fields as
// JSON, so the account that is limited is always the account that is checked. Whatever cannot be
// read as a sign-in is refused here and never reaches better-auth.
import { z } from "zod";
import { AppError } from "../errors";
import { UNKNOWN_ADDRESS } from "./client-address";
import { invalidInput } from "./error-response";
import { readJsonBody } from "./read-json-body";
import { recordAudit } from "../services/audit/record-audit";
import type { RequestOrigin } from "../services/access/actor";
import {
  admitSignInAttempt,
  normalizeEmail,
  recordSignInSuccess,
} from "../services/auth-limits/sign-in-limits";
import { CLIENT_ADDRESS_HEADER } from "../auth/auth";

const MAX_FORM_BYTES = 16 * 1024;

const signInFormSchema = z.object({
  email: z.string().trim().min(1, "Enter your e-mail address").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
  rememberMe: z
    .union([z.boolean(), z.enum(["true", "false", "on"])])
    .optional()
    .transform((value) => (typeof value === "string" ? value !== "false" : value)),
  callbackURL: z.string().max(2048).optional(),
});
export type SignInForm = z.output<typeof signInFormSchema>;

const isJson = (contentType: string) => /^application\/([\w.+-]*\+)?json\b/i.test(contentType);
const isForm = (contentType: string) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType);

async function readFormFields(request: Request): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (!Number.isFinite(declared)) {
    throw new AppError("INVALID_INPUT", "A sign-in form must be sent with a Content-Length");
  }
  if (declared > MAX_FORM_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `A sign-in is at most ${MAX_FORM_BYTES} bytes`);
  }
  const form = await request.formData().catch(() => {
    throw new AppError("INVALID_INPUT", "The sign-in form could not be read");
  });
  const fields: Record<string, unknown> = {};
  form.forEach((value, key) => {
    if (typeof value === "string") fields[key] = value;
  });
  return fields;
}

/** The sign-in's fields, from a body in any format better-auth accepts. */
export async function readSignInForm(request: Request): Promise<SignInForm> {
  const contentType = request.headers.get("content-type") ?? "";
  let fields: unknown;
  if (isJson(contentType)) fields = await readJsonBody(request, MAX_FORM_BYTES);
  else if (isForm(contentType)) fields = await readFormFields(request);
  else {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the sign-in as application/json or as a form (application/x-www-form-urlencoded)",
    );
  }
  const parsed = signInFormSchema.safeParse(fields);
  if (!parsed.success) throw invalidInput(parsed.error, "body");
  return parsed.data;
}

/** A copy of the request for better-auth: the client address Hearth resolved, and a JSON body. */
export function forBetterAuth(request: Request, clientAddress: string, body?: SignInForm): Request {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  if (clientAddress !== UNKNOWN_ADDRESS) headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
  if (!body) return new Request(request, { headers });
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  return new Request(request.url, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
    signal: request.signal,
  });
}

/** Counts the attempt, lets better-auth check the password, and records what happened. */
export async function signIn(
  request: Request,
  origin: RequestOrigin,
  authenticate: (request: Request) => Promise<Response>,
): Promise<Response> {
  const form = await readSignInForm(request);
  const email = normalizeEmail(form.email);
  const audit = (outcome: "success" | "failure", reason?: string) =>
    recordAudit({
      actor: { kind: "anonymous", via: origin },
      actorLabel: email,
      action: outcome === "success" ? "auth.sign_in" : "auth.sign_in_failed",
      target: { type: "user", id: null },
      outcome,
      changes: reason ? { reason } : {},
    });
  try {
    await admitSignInAttempt(email, origin.clientAddress);
  } catch (error) {
    await audit("failure", "rate limited");
    throw error;
  }
  const response = await authenticate(forBetterAuth(request, origin.clientAddress, { ...form, email }));
  if (response.ok) {
    await recordSignInSuccess(email, origin.clientAddress);
    await audit("success");
  } else {
    await audit(
      "failure",
      response.status === 401 ? "wrong e-mail or password" : `status ${response.status}`,
    );
  }
  return response;
}
