// GET /admin/telemetry/series through its route handler: an admin key reads a range's buckets, a
// bad range or `since` is a 400 that names the parameter, an unknown assistant a 404, and a runtime
// key is refused.
import { beforeEach, describe, expect, test } from "vitest";
import * as seriesRoute from "@/app/admin/telemetry/series/route";
import { telemetrySeriesSchema } from "@/server/schemas/telemetry";
import { bearer, createKeyActor } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { callRoute } from "@/server/test/rest";

let admin: Record<string, string>;

beforeEach(async () => {
  admin = bearer((await createKeyActor("admin")).secret);
  await createChatAssistant("support");
});

const get = (query: string, headers = admin) =>
  callRoute(seriesRoute.GET, { path: `/admin/telemetry/series${query}`, headers });

describe("GET /admin/telemetry/series", () => {
  test("a range's zero-filled buckets, for one assistant with its SLA target", async () => {
    const response = await get("?range=30d&assistant_id=support");
    expect(response.status).toBe(200);
    const body = telemetrySeriesSchema.strict().parse(response.json);
    expect(body).toMatchObject({ range: "30d", bucket_seconds: 21_600, assistant_id: "support" });
    expect(body.buckets).toHaveLength(120);
    expect(body.buckets.every((bucket) => bucket.requests === 0 && bucket.error_rate === null)).toBe(true);
    expect((await get("")).json).toMatchObject({ range: "1h" });
  });

  test("bad input is a 400 naming the parameter; an unknown assistant a 404", async () => {
    const range = await get("?range=90d");
    expect(range.status).toBe(400);
    expect(range.json).toMatchObject({
      error: { code: "INVALID_INPUT", message: "Invalid query.range: must be one of 1h, 24h, 7d, 30d" },
    });
    const since = await get("?since=yesterday");
    expect(since.status).toBe(400);
    expect(since.json).toMatchObject({ error: { message: expect.stringContaining("since") as string } });
    expect((await get("?bucket=1m")).status).toBe(400);
    const unknown = await get("?assistant_id=nobody");
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  test("a runtime key is FORBIDDEN, no key UNAUTHORIZED", async () => {
    const runtime = bearer((await createKeyActor("runtime")).secret);
    expect((await get("", runtime)).status).toBe(403);
    expect((await get("", {})).status).toBe(401);
  });
});
