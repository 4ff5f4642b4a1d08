import { describe, expect, test } from "vitest";
import { exportSessionsQuerySchema } from "@/server/schemas/session-data";
import { toDateBounds } from "./date-range";
import { sessionExportHref } from "./session-export";

const none = { from: "", to: "" };

describe("sessionExportHref", () => {
  test("the format alone when nothing is filtered", () => {
    expect(sessionExportHref("support", { user: "", dates: none, channel: "" }, "csv")).toBe(
      "/assistants/support/sessions/export?format=csv",
    );
  });

  test("every filter of the list, as the export takes them", () => {
    const dates = { from: "2026-05-01", to: "2026-05-03" };
    const href = sessionExportHref(
      "support",
      { user: "  alice & bob ", dates, channel: "widget", feedback: "down" },
      "jsonl",
    );
    const url = new URL(href!, "http://localhost");
    expect(url.pathname).toBe("/assistants/support/sessions/export");
    const query = Object.fromEntries(url.searchParams);
    const bounds = toDateBounds(dates);
    expect(query).toEqual({
      format: "jsonl",
      user: "alice & bob",
      channel: "widget",
      feedback: "down",
      ...(bounds.ok ? bounds.bounds : {}),
    });
    // The server accepts exactly what the link sends.
    expect(exportSessionsQuerySchema.safeParse(query).success).toBe(true);
  });

  test("no link while the dates are the wrong way round", () => {
    const dates = { from: "2026-05-03", to: "2026-05-01" };
    expect(sessionExportHref("support", { user: "", dates }, "csv")).toBeNull();
  });
});
