import { describe, expect, test } from "vitest";
import type { AssistantCapacity } from "@/server/schemas/capacity";
import {
  backendsNeededText,
  capacityRows,
  describeDegradation,
  describePlan,
  describeSla,
  formatUsers,
  cardsShownText,
  hasUnlearned,
  matchingAssistants,
  measuredText,
  parseTargetUsers,
  type CapacityPlan,
} from "./capacity-format";

function plan(overrides: Partial<CapacityPlan> = {}): CapacityPlan {
  return {
    model: "gpt-oss-20b",
    reasoning_effort: "medium",
    max_output_tokens: null,
    backends: [],
    max_users: 0,
    backends_needed: null,
    ...overrides,
  };
}

function assistant(overrides: Partial<AssistantCapacity> = {}): AssistantCapacity {
  return {
    assistant_id: "helper",
    name: "Helper",
    sla: { avg_ms: 90_000, p95_ms: null, control: "degrade" },
    as_configured: plan(),
    degraded: null,
    load_test: null,
    ...overrides,
  };
}

const backend = (id: string, maxUsers: number, learned = true) => ({
  backend_id: id,
  backend: `Backend ${id}`,
  learned,
  max_users: maxUsers,
});

describe("parseTargetUsers", () => {
  test("empty means no target; a whole number in the API's range is the target", () => {
    expect(parseTargetUsers("  ")).toEqual({ ok: true, users: undefined });
    expect(parseTargetUsers("25")).toEqual({ ok: true, users: 25 });
    expect(parseTargetUsers(" 1000000 ")).toEqual({ ok: true, users: 1_000_000 });
  });

  test.each(["0", "-3", "2.5", "abc", "1000001"])("%s is refused with the range", (text) => {
    const parsed = parseTargetUsers(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^Enter a whole number from 1 to 1.000.000$/);
  });
});

describe("capacityRows", () => {
  test("one row per backend, with both plans' figures side by side", () => {
    const rows = capacityRows(
      assistant({
        as_configured: plan({ backends: [backend("a", 12), backend("b", 10, false)] }),
        degraded: plan({ reasoning_effort: "low", backends: [backend("a", 20), backend("b", 16, false)] }),
      }),
    );
    expect(rows).toEqual([
      {
        backendId: "a",
        backend: "Backend a",
        asConfigured: { maxUsers: 12, learned: true },
        degraded: { maxUsers: 20, learned: true },
      },
      {
        backendId: "b",
        backend: "Backend b",
        asConfigured: { maxUsers: 10, learned: false },
        degraded: { maxUsers: 16, learned: false },
      },
    ]);
  });

  test("a ladder onto another model adds its backends, empty on the side that does not serve it", () => {
    const rows = capacityRows(
      assistant({
        as_configured: plan({ model: "gpt-oss-120b", backends: [backend("big", 4)] }),
        degraded: plan({ model: "gpt-oss-20b", backends: [backend("small", 9)] }),
      }),
    );
    expect(
      rows.map((row) => [row.backendId, formatUsers(row.asConfigured), formatUsers(row.degraded)]),
    ).toEqual([
      ["big", "4", "—"],
      ["small", "—", "9"],
    ]);
  });

  test("no backend and no ladder: no rows", () => {
    expect(capacityRows(assistant())).toEqual([]);
  });
});

test("hasUnlearned looks at both plans", () => {
  expect(hasUnlearned(assistant({ as_configured: plan({ backends: [backend("a", 3)] }) }))).toBe(false);
  expect(
    hasUnlearned(
      assistant({
        as_configured: plan({ backends: [backend("a", 3)] }),
        degraded: plan({ backends: [backend("a", 5, false)] }),
      }),
    ),
  ).toBe(true);
});

describe("words", () => {
  test("a plan, and what the ladder changes in it", () => {
    expect(describePlan(plan())).toBe("gpt-oss-20b · reasoning medium");
    expect(describePlan(plan({ max_output_tokens: 512 }))).toBe(
      "gpt-oss-20b · reasoning medium · max 512 tokens",
    );
    const base = plan({ model: "gpt-oss-120b", reasoning_effort: "high", max_output_tokens: 4096 });
    expect(describeDegradation(base, plan({ ...base, reasoning_effort: "low" }))).toBe("reasoning low");
    expect(
      describeDegradation(
        base,
        plan({ model: "gpt-oss-20b", reasoning_effort: "low", max_output_tokens: 512 }),
      ),
    ).toBe("reasoning low, max 512 tokens, model gpt-oss-20b");
  });

  test("the SLA", () => {
    expect(describeSla({ avg_ms: 90_000, p95_ms: null, control: "degrade" })).toEqual([
      { label: "Average", value: "≤ 90 s" },
      { label: "p95", value: "not set" },
      { label: "Control", value: "degrade" },
    ]);
    expect(describeSla({ avg_ms: 800, p95_ms: 1500, control: "off" })[1]).toEqual({
      label: "p95",
      value: "≤ 1.5 s",
    });
  });

  test("backends needed: the number, or why there is none", () => {
    expect(backendsNeededText(plan({ backends: [backend("a", 10)], backends_needed: 3 }))).toBe("3");
    expect(backendsNeededText(plan({ backends: [backend("a", 0)] }))).toBe(
      "Out of reach: even one user breaks the SLA",
    );
    expect(backendsNeededText(plan({ model: "gpt-oss-120b" }))).toBe("No backend serves gpt-oss-120b");
  });

  test("the latest load test's measurement", () => {
    const run = { id: "lt_1", finished_at: "2026-05-01T08:00:00.000Z" };
    expect(measuredText({ ...run, max_users_within_sla: 1 })).toBe("up to 1 user within the SLA");
    expect(measuredText({ ...run, max_users_within_sla: 15 })).toBe("up to 15 users within the SLA");
    expect(measuredText({ ...run, max_users_within_sla: null })).toBe("no level within the SLA");
  });
});

test("matchingAssistants: by name or id, any case; everything for a blank search", () => {
  const support = { assistant_id: "support-bot", name: "Customer Support" } as AssistantCapacity;
  const hr = { assistant_id: "hr", name: "People questions" } as AssistantCapacity;
  expect(matchingAssistants([support, hr], "  ")).toEqual([support, hr]);
  expect(matchingAssistants([support, hr], "SUPPORT")).toEqual([support]);
  expect(matchingAssistants([support, hr], "hr")).toEqual([hr]);
  expect(matchingAssistants([support, hr], "people q")).toEqual([hr]);
  expect(matchingAssistants([support, hr], "sales")).toEqual([]);
});

test("cardsShownText: how many cards, of how many, and how many match a search", () => {
  expect(cardsShownText(10, 25, 25, false)).toBe("Showing 10 of 25 enabled assistants");
  expect(cardsShownText(1, 1, 1, false)).toBe("Showing 1 of 1 enabled assistant");
  expect(cardsShownText(2, 2, 25, true)).toBe("2 of 25 enabled assistants match");
  expect(cardsShownText(10, 14, 1200, true)).toBe("14 of 1,200 enabled assistants match; showing 10");
  expect(cardsShownText(0, 0, 1, true)).toBe("0 of 1 enabled assistant matches");
});
