import { describe, expect, test } from "vitest";
import type { AlertDeliveryDto, AlertRuleDto } from "@/server/schemas/alerts";
import { deliverySummary, scopeOf, subjectId } from "./alert-format";

const delivery = (overrides: Partial<AlertDeliveryDto>): AlertDeliveryDto => ({
  object: "alert_delivery",
  destination_id: "ald_1",
  destination_name: "ops",
  event: "firing",
  ok: true,
  status_code: 200,
  error: null,
  duration_ms: 12,
  attempts: 1,
  next_attempt_at: null,
  created_at: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

const rule = (overrides: Partial<AlertRuleDto>): AlertRuleDto => ({
  id: "alr_1",
  object: "alert_rule",
  kind: "error_rate",
  name: "Mine",
  enabled: true,
  threshold: 0.2,
  window_seconds: 300,
  min_samples: 5,
  assistant_id: null,
  backend_id: null,
  scope_name: null,
  built_in: false,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  ...overrides,
});

describe("alert wording", () => {
  test("a rule's scope by name, with its id; a deleted one by id", () => {
    expect(scopeOf(rule({}))).toEqual({ label: "Every assistant", id: null });
    expect(scopeOf(rule({ assistant_id: "support", scope_name: "Customer support" }))).toEqual({
      label: "Customer support",
      id: "support",
    });
    expect(scopeOf(rule({ kind: "backend_down", backend_id: "be_9" }))).toEqual({
      label: "be_9 (deleted)",
      id: "be_9",
    });
    expect(subjectId("assistant:support")).toBe("support");
  });

  test("deliveries: delivered, retrying, failed after its attempts", () => {
    expect(deliverySummary({ deliveries: [] })).toBe("No webhook");
    expect(deliverySummary({ deliveries: [delivery({}), delivery({ attempts: 2 })] })).toBe(
      "2 delivered (some on a retry)",
    );
    expect(
      deliverySummary({
        deliveries: [
          delivery({}),
          delivery({
            ok: false,
            status_code: 503,
            error: "The webhook answered 503",
            next_attempt_at: "2026-01-01T00:00:01.000Z",
          }),
        ],
      }),
    ).toBe("1 retrying after: The webhook answered 503");
    expect(
      deliverySummary({
        deliveries: [delivery({ ok: false, status_code: null, error: "connection refused", attempts: 3 })],
      }),
    ).toBe("1 of 1 failed after 3 attempts: connection refused");
  });
});
