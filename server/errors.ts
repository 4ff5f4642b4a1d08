// One error type for the whole server, and one table mapping each code to an HTTP status and a
// tRPC code. Services throw AppError; adapters translate it. Anything else is an INTERNAL error:
// logged with the request id, never echoed to the caller.

export const errorTable = {
  UNAUTHORIZED: { status: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { status: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  METHOD_NOT_ALLOWED: { status: 405, trpc: "METHOD_NOT_SUPPORTED" },
  CONFLICT: { status: 409, trpc: "CONFLICT" },
  ASSISTANT_DISABLED: { status: 409, trpc: "PRECONDITION_FAILED" },
  INVALID_INPUT: { status: 400, trpc: "BAD_REQUEST" },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, trpc: "UNSUPPORTED_MEDIA_TYPE" },
  RATE_LIMITED: { status: 429, trpc: "TOO_MANY_REQUESTS" },
  UNAVAILABLE: { status: 503, trpc: "SERVICE_UNAVAILABLE" },
  NO_BACKEND: { status: 503, trpc: "SERVICE_UNAVAILABLE" },
  UPSTREAM_ERROR: { status: 502, trpc: "BAD_GATEWAY" },
  UPSTREAM_TIMEOUT: { status: 504, trpc: "GATEWAY_TIMEOUT" },
  INTERNAL: { status: 500, trpc: "INTERNAL_SERVER_ERROR" },
} as const;

export type ErrorCode = keyof typeof errorTable;
export const errorCodes = Object.keys(errorTable) as [ErrorCode, ...ErrorCode[]];

const APP_ERROR = Symbol.for("hearth.AppError");

/**
 * When a refused caller may try again, in whole seconds, and the limit that refused it (a
 * backend's capacity), when there is one. Domain data: the HTTP edge renders it as `Retry-After`
 * and `RateLimit-*` headers, an exchange as the fields of its error event.
 */
export interface RateLimitInfo {
  retryAfterSeconds: number;
  limit?: number;
  remaining?: number;
  resetSeconds?: number;
}

export interface AppErrorOptions {
  /** For the caller: e.g. the fields of an INVALID_INPUT, `{ path, message }[]`. */
  details?: unknown;
  /**
   * For operators only (an upstream's answer, a backend's name or health): logged and stored with
   * the failed answer, never put in a response (the REST and tRPC error shapes name their fields
   * one by one and leave it out).
   */
  detail?: string;
  /** RATE_LIMITED: when to retry. */
  rateLimit?: RateLimitInfo;
  /** METHOD_NOT_ALLOWED: the methods that are. */
  allow?: readonly string[];
}

export class AppError extends Error {
  override name = "AppError";
  private readonly [APP_ERROR] = true;
  readonly details?: unknown;
  readonly detail?: string;
  readonly rateLimit?: RateLimitInfo;
  readonly allow?: readonly string[];

  /**
   * Recognised by a brand, not by class identity: Next.js bundles a module into several chunks, and
   * an error thrown by state shared through globalThis (the gateway) may come from another copy.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && APP_ERROR in value;
  }

  /** `message` is what the caller reads; see AppErrorOptions for the rest. */
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.details = options.details;
    this.detail = options.detail;
    this.rateLimit = options.rateLimit;
    this.allow = options.allow;
  }

  get status(): number {
    return errorTable[this.code].status;
  }
}

export const notFound = (what: string, id: string) =>
  new AppError("NOT_FOUND", `${what} '${id}' was not found`);

const hasPrismaCode = (error: unknown, code: string) =>
  typeof error === "object" && error !== null && "code" in error && error.code === code;

/** Prisma's unique-constraint violation, recognised without importing Prisma's runtime here. */
export function isUniqueViolation(error: unknown): boolean {
  return hasPrismaCode(error, "P2002");
}

/** Prisma's foreign-key violation: the row referred to is gone (deleted meanwhile). */
export function isForeignKeyViolation(error: unknown): boolean {
  return hasPrismaCode(error, "P2003");
}
