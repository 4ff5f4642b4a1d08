// The error mapping every procedure goes through, checked on a small router of its own.
import { TRPCError } from "@trpc/server";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { AppError, errorTable, type ErrorCode } from "@/server/errors";
import { userActor } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { createCallerFactory, protectedProcedure, publicProcedure, router } from "./init";

const testRouter = router({
  throwApp: publicProcedure.input(z.object({ code: z.string() })).query(({ input }) => {
    throw new AppError(input.code as ErrorCode, `thrown ${input.code}`, { details: { hint: 1 } });
  }),
  throwUnexpected: publicProcedure.query(() => {
    throw new Error("connection to db.internal:5432 refused (password=hunter2)");
  }),
  throwZodInService: publicProcedure.query(() => z.object({ n: z.number() }).parse({ n: "x" })),
  throwTrpc: publicProcedure.query(() => {
    throw new TRPCError({ code: "TIMEOUT", message: "already a tRPC error" });
  }),
  whoAmI: protectedProcedure.query(({ ctx }) => ctx.actor.kind),
  // What tRPC's HTTP layer throws when it cannot read the input (JSON, superjson `meta`).
  unreadableInput: publicProcedure
    .input(z.object({ kind: z.enum(["json", "superjson"]) }))
    .query(({ input }) => {
      const cause =
        input.kind === "json" ? new SyntaxError("Unexpected token } in JSON") : new TypeError("payload.json");
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
    }),
  throwInternalTrpc: publicProcedure.query(() => {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "db.internal:5432 password=hunter2" });
  }),
  echo: publicProcedure.input(z.object({ name: z.string() })).mutation(({ input }) => input.name),
  echoSignedIn: protectedProcedure.input(z.object({ name: z.string() })).mutation(({ input }) => input.name),
});

const createCaller = createCallerFactory(testRouter);
const caller = createCaller({ actor: { kind: "anonymous" }, requestId: "req-123" });

describe("mapErrors", () => {
  const codes = (Object.keys(errorTable) as ErrorCode[]).filter((code) => code !== "INTERNAL");

  test.each(codes)("AppError %s becomes its tRPC code, keeping message and cause", async (code) => {
    const error = await rejectionOf<TRPCError>(caller.throwApp({ code }));
    expect(error).toBeInstanceOf(TRPCError);
    expect(error.code).toBe(errorTable[code].trpc);
    expect(error.message).toBe(`thrown ${code}`);
    expect(error.cause).toMatchObject({ code, details: { hint: 1 } });
  });

  test("an unexpected error becomes INTERNAL_SERVER_ERROR with only the request id", async () => {
    const error = await rejectionOf<TRPCError>(caller.throwUnexpected());
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).toBe("Internal error; quote request id req-123 when reporting it");
    expect(error.message).not.toContain("hunter2");
  });

  test("a ZodError thrown inside a service is INVALID_INPUT", async () => {
    const error = await rejectionOf<TRPCError>(caller.throwZodInService());
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toMatchObject({ code: "INVALID_INPUT" });
  });

  test("invalid procedure input is BAD_REQUEST with INVALID_INPUT details", async () => {
    const error = await rejectionOf<TRPCError>(caller.throwApp({ code: 42 } as unknown as { code: string }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ path: "code" })],
    });
  });

  test("tRPC's own refusal of input it cannot read is INVALID_INPUT, never a 500", async () => {
    const json = await rejectionOf<TRPCError>(caller.unreadableInput({ kind: "json" }));
    expect(json.code).toBe("BAD_REQUEST");
    expect(json.message).toBe("Malformed input: Unexpected token } in JSON");
    expect(json.cause).toMatchObject({ code: "INVALID_INPUT" });
    // superjson's TypeErrors name its internals: the caller gets a plain reason instead.
    const envelope = await rejectionOf<TRPCError>(caller.unreadableInput({ kind: "superjson" }));
    expect(envelope.message).toBe("Malformed input: not superjson's { json, meta } envelope");
  });

  test("a TRPCError INTERNAL_SERVER_ERROR thrown on purpose is masked like any unexpected error", async () => {
    const error = await rejectionOf<TRPCError>(caller.throwInternalTrpc());
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.message).toBe("Internal error; quote request id req-123 when reporting it");
  });

  test("a TRPCError passes through unchanged", async () => {
    await expect(caller.throwTrpc()).rejects.toMatchObject({
      code: "TIMEOUT",
      message: "already a tRPC error",
    });
  });
});

describe("protectedProcedure", () => {
  test("anonymous callers are UNAUTHORIZED", async () => {
    await expect(caller.whoAmI()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "Sign in to continue",
    });
  });

  test("any identified caller gets through (services decide the rest)", async () => {
    const signedIn = createCaller({ actor: userActor("viewer"), requestId: "req-1" });
    expect(await signedIn.whoAmI()).toBe("user");
  });
});

describe("input text", () => {
  test.each([
    ["U+0000", "a\u0000b", /^Invalid name: contains U\+0000/],
    ["an unpaired surrogate", "a\ud800", /^Invalid name: contains an unpaired UTF-16 surrogate/],
  ])("%s is refused before the procedure runs (BAD_REQUEST, INVALID_INPUT)", async (_case, name, message) => {
    const error = await rejectionOf<TRPCError>(caller.echo({ name }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(message);
    expect(error.cause).toMatchObject({ code: "INVALID_INPUT", details: [{ path: "name" }] });
  });

  test("valid text, emoji included, goes through", async () => {
    expect(await caller.echo({ name: "hearth 🔥" })).toBe("hearth 🔥");
  });

  test("an anonymous caller is told 401 before anything about its input", async () => {
    await expect(caller.echoSignedIn({ name: "\u0000" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
