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
    throw new AppError(input.code as ErrorCode, `thrown ${input.code}`, { hint: 1 });
  }),
  throwUnexpected: publicProcedure.query(() => {
    throw new Error("connection to db.internal:5432 refused (password=hunter2)");
  }),
  throwZodInService: publicProcedure.query(() => z.object({ n: z.number() }).parse({ n: "x" })),
  throwTrpc: publicProcedure.query(() => {
    throw new TRPCError({ code: "TIMEOUT", message: "already a tRPC error" });
  }),
  whoAmI: protectedProcedure.query(({ ctx }) => ctx.actor.kind),
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
