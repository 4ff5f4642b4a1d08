// Console authentication through better-auth: email and password (scrypt, memory-hard), database
// sessions in an httpOnly SameSite=Lax cookie (Secure in production). Sign-up is closed: console
// users are created by an admin (services/users) or, for the first one, by bootstrap or the setup
// page. Sign-in is limited by Hearth itself (auth-limits/sign-in-limits.ts, in the route); the
// client address better-auth records and limits its other endpoints by is the one Hearth resolved
// (CLIENT_ADDRESS_HEADER, set by the route), never a forwarded header from the client.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { getDb } from "../db/client";
import { env } from "../env";
import { logger } from "../logger";
import { recordAudit } from "../services/audit/record-audit";
import { passwordWeakness } from "../services/users/password-strength";

/** Set by the auth route to the client address (client-address.ts), after removing any sent. */
export const CLIENT_ADDRESS_HEADER = "x-hearth-client-address";

const PASSWORD_CHANGES = new Set(["/change-password", "/reset-password", "/set-password"]);

/** A console user who changed their own password, in the audit log. */
const auditPasswordChange = createAuthMiddleware(async (context) => {
  if (context.path !== "/change-password" || context.context.returned instanceof APIError) return;
  const user = context.context.session?.user;
  if (!user) return;
  await recordAudit({
    actor: {
      kind: "user",
      userId: user.id,
      email: user.email,
      role: "viewer",
      via: {
        clientAddress: context.headers?.get(CLIENT_ADDRESS_HEADER) ?? "unknown",
        requestId: context.headers?.get("x-request-id") ?? "",
      },
    },
    action: "user.password_change",
    target: { type: "user", id: user.id },
  });
});

/** A new password set through better-auth's own endpoints passes the same strength check. */
const checkNewPassword = createAuthMiddleware(async (context) => {
  if (!PASSWORD_CHANGES.has(context.path)) return;
  const body = context.body as { newPassword?: unknown } | undefined;
  const weakness = typeof body?.newPassword === "string" ? passwordWeakness(body.newPassword) : null;
  if (weakness) throw new APIError("BAD_REQUEST", { message: weakness, code: "WEAK_PASSWORD" });
});

function trustedOrigins(): string[] {
  const origins = new Set([env.publicUrl, `http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`]);
  return [...origins];
}

function createAuth() {
  return betterAuth({
    appName: "Hearth",
    baseURL: env.publicUrl,
    basePath: "/api/auth",
    secret: env.HEARTH_AUTH_SECRET ?? "",
    trustedOrigins: trustedOrigins(),
    database: prismaAdapter(getDb(), { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: false, defaultValue: "viewer" },
      },
    },
    session: {
      modelName: "authSession",
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    account: { modelName: "authAccount" },
    verification: { modelName: "authVerification" },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "authRateLimit",
      window: 60,
      max: 300,
      // Counted by Hearth per address, account and both (auth-limits/sign-in-limits.ts).
      customRules: { "/sign-in/email": false },
    },
    hooks: { before: checkNewPassword, after: auditPasswordChange },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      cookiePrefix: "hearth",
      useSecureCookies: env.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    telemetry: { enabled: false },
    // Into Hearth's structured log (with its level and redaction), not better-auth's console lines.
    logger: { log: (level, message) => logger[level]({ component: "better-auth" }, message) },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { hearthAuth?: Auth };

/** The better-auth instance, created once per process on first use. */
export function getAuth(): Auth {
  globalForAuth.hearthAuth ??= createAuth();
  return globalForAuth.hearthAuth;
}
