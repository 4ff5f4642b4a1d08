import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { consumeLoginAttempt } from "./consume-login-attempt";

// HEARTH_LOGIN_RATE_LIMIT is 10 (the default) in the test environment.
const LIMIT = 10;

async function attempts(email: string, count: number) {
  for (let index = 0; index < count; index++) await consumeLoginAttempt(email);
}

describe("consumeLoginAttempt", () => {
  it("allows the limit, then refuses with RATE_LIMITED and a Retry-After", async () => {
    await attempts("target@example.com", LIMIT);
    const error = await consumeLoginAttempt("target@example.com").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("RATE_LIMITED");
    const retryAfter = Number((error as AppError).headers?.["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("counts an account whatever the case or surrounding spaces of its email", async () => {
    await attempts("Mixed@Example.com", LIMIT);
    await expect(consumeLoginAttempt("  mixed@example.COM ")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("keeps accounts apart", async () => {
    await attempts("one@example.com", LIMIT);
    await expect(consumeLoginAttempt("two@example.com")).resolves.toBeUndefined();
  });

  it("counts concurrent attempts exactly (one atomic statement)", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: LIMIT + 5 }, () => consumeLoginAttempt("burst@example.com")),
    );
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(5);
  });
});
