import { describe, expect, test } from "vitest";
import { NO_QUOTAS, type Quotas } from "@/server/schemas/quotas";
import { formErrorMap } from "../../_lib/form-errors";
import {
  hasQuotas,
  noQuotaValues,
  quotaForPath,
  quotasField,
  toQuotaFormValues,
  type QuotaFormValues,
} from "./quota-form-schema";

const parse = (values: Partial<QuotaFormValues>) =>
  quotasField.safeParse({ ...noQuotaValues, ...values }, { error: formErrorMap });

function errorsOf(values: Partial<QuotaFormValues>): Record<string, string> {
  const result = parse(values);
  expect(result.success).toBe(false);
  return Object.fromEntries(
    (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]),
  );
}

describe("quotasField", () => {
  test("empty fields are no limit (null), blanks included", () => {
    expect(parse({}).data).toEqual(NO_QUOTAS);
    expect(parse({ tokens_per_day: "   " }).data).toEqual(NO_QUOTAS);
  });

  test("numbers are parsed into the API's Quotas", () => {
    const result = parse({
      requests_per_minute: "2",
      tokens_per_day: " 10000 ",
      tokens_per_month: "300000",
      concurrent_streams: "4",
      cost_per_month: "12.5",
    });
    expect(result.data).toEqual({
      requests_per_minute: 2,
      tokens_per_day: 10_000,
      tokens_per_month: 300_000,
      concurrent_streams: 4,
      cost_per_month: 12.5,
    } satisfies Quotas);
  });

  test("a cost of 0 is a limit (nothing may be spent); a count of 0 is refused", () => {
    expect(parse({ cost_per_month: "0" }).data?.cost_per_month).toBe(0);
    expect(errorsOf({ requests_per_minute: "0", concurrent_streams: "-1" })).toEqual({
      requests_per_minute: "At least 1",
      concurrent_streams: "At least 1",
    });
  });

  test("counts are whole numbers, within the server's bounds; text is not a number", () => {
    expect(
      errorsOf({
        tokens_per_day: "1.5",
        requests_per_minute: "1000001",
        tokens_per_month: "lots",
        cost_per_month: "-0.01",
      }),
    ).toEqual({
      tokens_per_day: "Enter a whole number",
      requests_per_minute: "At most 1000000",
      tokens_per_month: "Enter a number",
      cost_per_month: "At least 0",
    });
  });
});

describe("toQuotaFormValues", () => {
  test("a limit as text, no limit as an empty field, and back unchanged", () => {
    const quotas: Quotas = { ...NO_QUOTAS, tokens_per_day: 10_000, cost_per_month: 0.5 };
    const values = toQuotaFormValues(quotas);
    expect(values).toEqual({ ...noQuotaValues, tokens_per_day: "10000", cost_per_month: "0.5" });
    expect(parse(values).data).toEqual(quotas);
  });
});

test("hasQuotas: whether any limit is set, a zero cost included", () => {
  expect(hasQuotas(NO_QUOTAS)).toBe(false);
  expect(hasQuotas({ ...NO_QUOTAS, cost_per_month: 0 })).toBe(true);
});

test("quotaForPath: the quota a server-side validation path names", () => {
  expect(quotaForPath("quotas.tokens_per_day", "quotas")).toBe("tokens_per_day");
  expect(quotaForPath("end_user_quotas.concurrent_streams", "end_user_quotas")).toBe("concurrent_streams");
  expect(quotaForPath("quotas", "quotas")).toBeUndefined();
  expect(quotaForPath("quotas.nonsense", "quotas")).toBeUndefined();
  expect(quotaForPath("end_user_quotas.tokens_per_day", "quotas")).toBeUndefined();
});
