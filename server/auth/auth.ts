// Console authentication through better-auth: email and password (scrypt, memory-hard), database
// sessions in an httpOnly SameSite=Lax cookie (Secure in production), and rate-limited sign-in
// counted in the database so that every replica shares the limit. Sign-up is closed: console users
// are created by an admin (services/users) or, for the first one, by bootstrap or the setup page.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { getDb } from "../db/client";
import { env } from "../env";

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
      customRules: {
        "/sign-in/email": { window: 60, max: env.HEARTH_LOGIN_RATE_LIMIT },
      },
    },
    advanced: {
      cookiePrefix: "hearth",
      useSecureCookies: env.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    telemetry: { enabled: false },
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
