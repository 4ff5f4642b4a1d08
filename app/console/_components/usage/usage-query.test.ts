import { describe, expect, test } from "vitest";
import { usageQuerySchema } from "@/server/schemas/usage";
import {
  clearFilters,
  defaultView,
  drillDown,
  exportHref,
  isFiltered,
  pageSearch,
  toReportQuery,
  usageHref,
  viewFromParams,
  withFilter,
  type UsageView,
} from "./usage-query";

const NOW = Date.parse("2026-12-07T15:30:00.000Z");
const row = (key: string, assistant_id: string | null = null, label = key) => ({ key, label, assistant_id });

describe("the view in the address", () => {
  test("nothing given is the last 7 days per assistant, and writes an empty query", () => {
    expect(viewFromParams({})).toEqual(defaultView);
    expect(pageSearch(defaultView)).toBe("");
    expect(usageHref(defaultView)).toBe("/console/usage");
  });

  test("a range, a grouping and filters make the round trip", () => {
    const params = {
      range: "30d",
      group_by: "key",
      assistant_id: "support",
      api_key_id: "none",
      user: "dora@example.com",
      channel: "widget",
      outcome: "failed",
      model: "gpt-oss-20b",
      backend_id: "backend_1",
    };
    const view = viewFromParams(params);
    const { range: _range, group_by: _group, ...filters } = params;
    expect(view).toEqual({ range: { preset: "30d" }, group_by: "key", filters });
    expect(Object.fromEntries(new URLSearchParams(pageSearch(view)))).toEqual(params);
  });

  test("what the API would refuse falls back to the default, one value at a time", () => {
    expect(
      viewFromParams({
        range: "2y",
        group_by: "planet",
        assistant_id: "Not An Id!",
        channel: "fax",
        outcome: "maybe",
        user: "   ",
        model: "gpt-oss-20b",
      }),
    ).toEqual({ range: { preset: "7d" }, group_by: "assistant", filters: { model: "gpt-oss-20b" } });
  });

  test("two instants are a range of their own; a preset wins over them", () => {
    const custom = viewFromParams({ from: "2026-12-03T00:00:00Z", to: "2026-12-04T00:00:00Z" });
    expect(custom.range).toEqual({ from: "2026-12-03T00:00:00.000Z", to: "2026-12-04T00:00:00.000Z" });
    expect(pageSearch(custom)).toBe("from=2026-12-03T00%3A00%3A00.000Z&to=2026-12-04T00%3A00%3A00.000Z");
    expect(viewFromParams({ range: "24h", from: "2026-12-03", to: "2026-12-04" }).range).toEqual({
      preset: "24h",
    });
  });

  test("a backwards, unreadable or too long range is the default", () => {
    for (const [from, to] of [
      ["2026-12-04", "2026-12-03"],
      ["yesterday", "2026-12-03"],
      ["2024-01-01", "2026-01-01"],
    ])
      expect(viewFromParams({ from, to }).range).toEqual({ preset: "7d" });
  });

  test("setting, replacing and clearing one filter", () => {
    const view = withFilter(defaultView, "channel", "api");
    expect(view.filters).toEqual({ channel: "api" });
    expect(withFilter(view, "channel", "widget").filters).toEqual({ channel: "widget" });
    expect(withFilter(view, "channel", " ").filters).toEqual({});
  });

  test("clearing the filters keeps the grouping and a preset range, but not a range of its own", () => {
    const preset: UsageView = { range: { preset: "90d" }, group_by: "model", filters: { channel: "api" } };
    expect(isFiltered(preset)).toBe(true);
    expect(clearFilters(preset)).toEqual({ range: { preset: "90d" }, group_by: "model", filters: {} });
    expect(isFiltered(clearFilters(preset))).toBe(false);
    const day: UsageView = {
      ...defaultView,
      range: { from: "2026-12-03T00:00:00.000Z", to: "2026-12-04T00:00:00.000Z" },
    };
    expect(isFiltered(day)).toBe(true);
    expect(clearFilters(day).range).toEqual({ preset: "7d" });
  });
});

describe("the report's query and the export", () => {
  test("a preset ends now; the filters go as the API spells them, and the API takes them", () => {
    const view: UsageView = {
      range: { preset: "24h" },
      group_by: "day",
      filters: { assistant_id: "support", outcome: "failed" },
    };
    const query = toReportQuery(view, NOW);
    expect(query).toEqual({
      from: "2026-12-06T15:30:00.000Z",
      to: "2026-12-07T15:30:00.000Z",
      group_by: "day",
      assistant_id: "support",
      outcome: "failed",
    });
    expect(usageQuerySchema.safeParse(query).success).toBe(true);
  });

  test("a range of its own is sent as it is", () => {
    const range = { from: "2026-12-03T00:00:00.000Z", to: "2026-12-04T00:00:00.000Z" };
    expect(toReportQuery({ ...defaultView, range }, NOW)).toMatchObject(range);
  });

  test("the export links carry the same query and the format", () => {
    const query = toReportQuery({ ...defaultView, filters: { api_key_id: "none", user: "a b&c" } }, NOW);
    const href = exportHref(query, "csv");
    expect(href.startsWith("/admin/usage/export?")).toBe(true);
    expect(Object.fromEntries(new URL(href, "http://x").searchParams)).toEqual({
      format: "csv",
      from: "2026-11-30T15:30:00.000Z",
      to: "2026-12-07T15:30:00.000Z",
      group_by: "assistant",
      api_key_id: "none",
      user: "a b&c",
    });
    expect(exportHref(query, "json")).toMatch(/^\/admin\/usage\/export\?format=json&/);
  });
});

describe("drilling down", () => {
  test("an assistant's row: its usage per API key", () => {
    expect(drillDown(defaultView, row("support"))).toEqual({
      ...defaultView,
      group_by: "key",
      filters: { assistant_id: "support" },
    });
  });

  test("a key's row: its usage per assistant; the row of traffic without a key filters on none", () => {
    const byKey = { ...defaultView, group_by: "key" as const };
    expect(drillDown(byKey, row("key_1"))).toMatchObject({
      group_by: "assistant",
      filters: { api_key_id: "key_1" },
    });
    expect(drillDown(byKey, row(""))).toMatchObject({ filters: { api_key_id: "none" } });
  });

  test("the next grouping skips what is already filtered", () => {
    const view: UsageView = { ...defaultView, group_by: "key", filters: { assistant_id: "support" } };
    expect(drillDown(view, row("key_1"))).toMatchObject({
      group_by: "user",
      filters: { assistant_id: "support", api_key_id: "key_1" },
    });
  });

  test("an end user's row filters on the id the caller gave (its label) and on the user's assistant", () => {
    const view = { ...defaultView, group_by: "user" as const };
    expect(drillDown(view, row("enduser_1", "support", "dora@example.com"))).toMatchObject({
      group_by: "model",
      filters: { user: "dora@example.com", assistant_id: "support" },
    });
    expect(drillDown(view, row("enduser_2", "support", "(erased end user)"))).toBeNull();
  });

  test("a day opens its hours; an hour opens its usage per assistant", () => {
    const byDay = { ...defaultView, group_by: "day" as const, filters: { channel: "api" } };
    const day = drillDown(byDay, row("2026-12-03T00:00:00.000Z"));
    expect(day).toEqual({
      range: { from: "2026-12-03T00:00:00.000Z", to: "2026-12-04T00:00:00.000Z" },
      group_by: "hour",
      filters: { channel: "api" },
    });
    expect(drillDown(day!, row("2026-12-03T14:00:00.000Z"))).toEqual({
      range: { from: "2026-12-03T14:00:00.000Z", to: "2026-12-03T15:00:00.000Z" },
      group_by: "assistant",
      filters: { channel: "api" },
    });
  });

  test("channels, outcomes, models and backends each lead on", () => {
    expect(drillDown({ ...defaultView, group_by: "channel" }, row("widget"))).toMatchObject({
      group_by: "assistant",
      filters: { channel: "widget" },
    });
    expect(drillDown({ ...defaultView, group_by: "outcome" }, row("failed"))).toMatchObject({
      group_by: "assistant",
      filters: { outcome: "failed" },
    });
    expect(drillDown({ ...defaultView, group_by: "model" }, row("gpt-oss-20b"))).toMatchObject({
      group_by: "backend",
      filters: { model: "gpt-oss-20b" },
    });
    expect(drillDown({ ...defaultView, group_by: "backend" }, row("backend_1"))).toMatchObject({
      group_by: "model",
      filters: { backend_id: "backend_1" },
    });
  });

  test("rows that cannot be a filter lead nowhere", () => {
    expect(drillDown({ ...defaultView, group_by: "user" }, row(""))).toBeNull();
    expect(drillDown({ ...defaultView, group_by: "backend" }, row(""))).toBeNull();
    expect(drillDown({ ...defaultView, group_by: "channel" }, row("fax"))).toBeNull();
    expect(drillDown({ ...defaultView, group_by: "day" }, row("not a date"))).toBeNull();
  });
});
