// GET /embed/{assistant_id}/status, the check the widget loader makes from a site's page before it
// draws anything: allowed (with the launcher's look and labels in the widget's language), refused
// (recorded for the console's one-click Allow) or disabled, decided by the browser's Origin header;
// readable cross-origin, never cached; an unknown assistant is a 404 in the REST error shape. And
// the console's preview page of the widget, which only Hearth's own pages may frame.
import type { APIRequestContext } from "@playwright/test";
import { expect, expectApiError, test } from "../fixtures";
import { createAssistant } from "../support/runtime-api";

const SITE = "https://shop.example";

interface Status {
  status: string;
  origin: string | null;
  message: string;
  widget: { title: string; primary_color: string; position: string; language: string; labels: object } | null;
}

/** A console procedure with the master key: a query as GET, a mutation as POST (tRPC's HTTP form). */
async function trpc(api: APIRequestContext, procedure: string, input: unknown, query = false) {
  const response = query
    ? await api.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
    : await api.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: unknown } } }).result.data.json;
}

test("allowed, refused and disabled, by the Origin header; refused origins reach the console's list", async ({
  api,
  request,
  uniqueId,
}) => {
  const id = await createAssistant(api, uniqueId("widget-status"), { name: "Shop helper" });
  await trpc(api, "widget.update", {
    assistantId: id,
    changes: { enabled: true, allowed_origins: [SITE], language: "fr", primary_color: "#0F766E" },
  });
  const status = (origin?: string) =>
    request.get(`/embed/${id}/status`, { headers: origin ? { origin } : {} });

  const allowed = await status(SITE);
  expect(allowed.status()).toBe(200);
  expect(allowed.headers()["access-control-allow-origin"]).toBe("*");
  expect(allowed.headers()["cache-control"]).toBe("no-store");
  expect(allowed.headers()["x-request-id"]).toBeTruthy();
  expect((await allowed.json()) as Status).toEqual({
    status: "allowed",
    origin: SITE,
    message: expect.any(String) as unknown as string,
    widget: {
      title: "Shop helper",
      primary_color: "#0f766e",
      position: "bottom-right",
      language: "fr",
      labels: { open: "Ouvrir le chat", close: "Fermer le chat", frame: "Discuter avec Shop helper" },
    },
  });

  // Another site: told nothing but that, and what to do; recorded (normalised) for the console.
  const refused = (await (await status("https://Other.Example:443")).json()) as Status;
  expect(refused).toMatchObject({ status: "refused", origin: "https://other.example", widget: null });
  expect(refused.message).toContain("add https://other.example to the allowed origins");
  expect((await (await status()).json()) as Status).toMatchObject({ status: "refused", origin: null });
  expect(await trpc(api, "widget.refusedOrigins", { assistantId: id }, true)).toMatchObject([
    { origin: "https://other.example", count: 1 },
  ]);

  await trpc(api, "widget.update", { assistantId: id, changes: { enabled: false } });
  expect((await (await status(SITE)).json()) as Status).toMatchObject({ status: "disabled", widget: null });
  expect(((await (await status("https://other.example")).json()) as Status).status).toBe("refused");
});

test("an unknown assistant is 404 and a malformed id 400, both readable cross-origin", async ({
  request,
}) => {
  const missing = await request.get("/embed/no-such-assistant/status", { headers: { origin: SITE } });
  await expectApiError(missing, 404, "NOT_FOUND");
  expect(missing.headers()["access-control-allow-origin"]).toBe("*");
  await expectApiError(
    await request.get("/embed/Not%20An%20Id/status", { headers: { origin: SITE } }),
    400,
    "INVALID_INPUT",
  );
  const wrongMethod = await request.post("/embed/no-such-assistant/status", { data: {} });
  expect(wrongMethod.status()).toBe(405);
});

test("the console's preview: framed by Hearth's own pages only, and only for a signed-in reader", async ({
  api,
  request,
  uniqueId,
}) => {
  const id = await createAssistant(api, uniqueId("widget-preview"), { name: "Preview helper" });
  const anonymous = await request.get(`/embed/${id}/preview`);
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.text()).toContain("Sign in to the console");
  expect(anonymous.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  expect(anonymous.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  const preview = await api.get(`/embed/${id}/preview`);
  expect(await preview.text()).toContain("Preview helper");
});
