// Quotas over HTTP against the real server: a key over its requests per minute gets 429 with
// Retry-After, RateLimit-* headers and the quota named; its owner reads its use; quotas change at
// once; an assistant's end-user quotas hold per end user; bad quotas are INVALID_INPUT.
import { bearer, expect, expectApiError, test } from "../fixtures";
import { createAssistant } from "../support/runtime-api";

const NONE = {
  requests_per_minute: null,
  tokens_per_day: null,
  tokens_per_month: null,
  concurrent_streams: null,
  cost_per_month: null,
};

test("a key over its requests per minute is refused with 429 and when to retry", async ({
  api,
  request,
  uniqueId,
}) => {
  const assistant = await createAssistant(api, uniqueId("quota"));
  const created = await api.post("/admin/api-keys", {
    data: {
      name: uniqueId("quota-key"),
      scope: "runtime",
      assistant_ids: [assistant],
      quotas: { requests_per_minute: 2 },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const key = (await created.json()) as { id: string; key: string; quotas: typeof NONE };
  expect(key.quotas).toEqual({ ...NONE, requests_per_minute: 2 });
  const ask = () =>
    request.post(`/assistants/${assistant}/ask`, { headers: bearer(key.key), data: { message: "Hello?" } });
  expect((await ask()).status()).toBe(200);
  expect((await ask()).status()).toBe(200);

  const refused = await ask();
  const body = await expectApiError(refused, 429, "RATE_LIMITED");
  expect(body.error.details).toMatchObject({ quota: "requests_per_minute", subject: "api_key", limit: 2 });
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused.headers()["ratelimit-limit"]).toBe("2");
  expect(refused.headers()["ratelimit-remaining"]).toBe("0");

  const usage = await api.get(`/admin/api-keys/${key.id}/quotas`);
  expect(usage.status()).toBe(200);
  expect(((await usage.json()) as { data: unknown[] }).data).toEqual([
    expect.objectContaining({ quota: "requests_per_minute", limit: 2, used: 2 }),
  ]);

  const lifted = await api.post(`/admin/api-keys/${key.id}`, {
    data: { quotas: { requests_per_minute: 100 } },
  });
  expect(lifted.status(), await lifted.text()).toBe(200);
  expect((await ask()).status()).toBe(200);
});

test("end-user quotas hold per end user of the assistant", async ({ api, uniqueId }) => {
  const assistant = await createAssistant(api, uniqueId("quota"));
  const updated = await api.post(`/admin/assistants/${assistant}`, {
    data: { end_user_quotas: { requests_per_minute: 1 } },
  });
  expect(updated.status(), await updated.text()).toBe(200);
  expect(((await updated.json()) as { end_user_quotas: typeof NONE }).end_user_quotas).toEqual({
    ...NONE,
    requests_per_minute: 1,
  });
  const ask = (user: string) => api.post(`/assistants/${assistant}/ask`, { data: { message: "Hi", user } });
  expect((await ask("alice")).status()).toBe(200);
  const refused = await expectApiError(await ask("alice"), 429, "RATE_LIMITED");
  expect(refused.error.details).toMatchObject({ quota: "requests_per_minute", subject: "end_user" });
  expect((await ask("bob")).status()).toBe(200);
});

test("bad quotas are INVALID_INPUT; unknown keys 404", async ({ api, uniqueId }) => {
  for (const quotas of [
    { requests_per_minute: 0 },
    { tokens_per_day: 1.5 },
    { cost_per_month: -1 },
    { minutes: 3 },
  ]) {
    await expectApiError(
      await api.post("/admin/api-keys", { data: { name: uniqueId("bad"), scope: "runtime", quotas } }),
      400,
      "INVALID_INPUT",
    );
  }
  await expectApiError(
    await api.post("/admin/api-keys/key_missing", { data: { name: "x" } }),
    404,
    "NOT_FOUND",
  );
  await expectApiError(await api.get("/admin/api-keys/key_missing/quotas"), 404, "NOT_FOUND");
});
