// Figures follow the reader's locale (the thousands separator, the dollar sign's place), so the
// expectations accept any separator; what is checked is the wording, the unit and the share.
import { describe, expect, test } from "vitest";
import type { QuotaUsage } from "@/server/schemas/quotas";
import { describeQuotaUsage, usageLevel, usedShare } from "./quota-format";

const usage = (quota: QuotaUsage["quota"], used: number, limit: number): QuotaUsage => ({
  quota,
  used,
  limit,
  resets_at: null,
});

describe("describeQuotaUsage", () => {
  test("counts with separators, against the quota's window", () => {
    expect(describeQuotaUsage(usage("tokens_per_day", 1200, 10_000))).toMatch(
      /^1.?200 of 10.?000 tokens today$/,
    );
    expect(describeQuotaUsage(usage("tokens_per_month", 0, 5))).toBe("0 of 5 tokens this month");
    expect(describeQuotaUsage(usage("requests_per_minute", 2, 2))).toBe("2 of 2 requests this minute");
    expect(describeQuotaUsage(usage("concurrent_streams", 1, 4))).toBe("1 of 4 streams at once");
  });

  test("cost in dollars", () => {
    expect(describeQuotaUsage(usage("cost_per_month", 1.2, 50))).toMatch(
      /^\$?\s?1[.,]20\s?\$? of \$?\s?50[.,]00\s?\$? this month$/,
    );
  });
});

describe("usedShare and usageLevel", () => {
  test("the share used, capped at the limit", () => {
    expect(usedShare(usage("tokens_per_day", 250, 1000))).toBe(0.25);
    expect(usedShare(usage("tokens_per_day", 2000, 1000))).toBe(1);
    // A cost limit of 0: nothing may be spent, so it is full from the start.
    expect(usedShare(usage("cost_per_month", 0, 0))).toBe(1);
  });

  test("ok below 80%, high from there, full at the limit", () => {
    expect(usageLevel(usage("requests_per_minute", 7, 10))).toBe("ok");
    expect(usageLevel(usage("requests_per_minute", 8, 10))).toBe("high");
    expect(usageLevel(usage("requests_per_minute", 10, 10))).toBe("full");
  });
});
