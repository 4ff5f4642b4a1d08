// The console's settings procedures: every console role reads the instance settings and the
// deployment's configuration, only an admin changes the settings (a viewer or an operator calling
// tRPC directly is FORBIDDEN), values are validated, secrets never appear, and the settings take
// effect: new assistants get the default model and SLA, the widget snippet the public base URL,
// and the widget's embed requests are accepted from that origin.
import type { TRPCError } from "@trpc/server";
import { describe, expect, test } from "vitest";
import { env } from "@/server/env";
import type { AppError } from "@/server/errors";
import { updateInstanceSettings } from "@/server/services/settings/update-instance-settings";
import { updateWidget } from "@/server/services/widget/update-widget";
import { authenticateWidget } from "@/server/services/widget/authenticate-widget";
import { openWidget } from "@/server/services/widget/open-widget";
import { withoutCredentials } from "@/server/services/system/describe-deployment";
import { anonymous, createKeyActor, createUserActor, master } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import { TEST_MASTER_KEY, testEnv } from "@/server/test/test-env";
import { callerFor } from "@/server/test/trpc";

const codeOf = async (promise: Promise<unknown>) => (await rejectionOf<TRPCError>(promise)).code;

describe("reading and changing", () => {
  test("unset settings show the environment's defaults", async () => {
    const settings = await callerFor(await createUserActor("viewer")).settings.get();
    const defaults = {
      public_base_url: testEnv.HEARTH_PUBLIC_URL,
      default_model: env.defaultModel,
      default_sla_avg_ms: 90_000,
    };
    expect(settings).toEqual({
      public_base_url: null,
      default_model: null,
      default_sla_avg_ms: null,
      effective: defaults,
      defaults,
      backend_allowed_hosts: ["loopback", "private"],
      audit_retention_days: 365,
      updated_at: null,
    });
  });

  test("an admin sets and resets them; a partial update keeps the others", async () => {
    const admin = callerFor(await createUserActor("admin"));
    const saved = await admin.settings.update({
      public_base_url: "https://Chat.Example.com/",
      default_model: "gpt-oss-120b",
      default_sla_avg_ms: 30_000,
    });
    expect(saved).toMatchObject({
      public_base_url: "https://chat.example.com",
      default_model: "gpt-oss-120b",
      default_sla_avg_ms: 30_000,
      effective: {
        public_base_url: "https://chat.example.com",
        default_model: "gpt-oss-120b",
        default_sla_avg_ms: 30_000,
      },
    });
    expect(saved.updated_at).not.toBeNull();

    const partial = await admin.settings.update({ default_model: null });
    expect(partial).toMatchObject({
      public_base_url: "https://chat.example.com",
      default_model: null,
      default_sla_avg_ms: 30_000,
      effective: { default_model: env.defaultModel },
    });
    expect(await callerFor(await createUserActor("viewer")).settings.get()).toEqual(partial);
  });

  test.each([
    ["a viewer", () => createUserActor("viewer")],
    ["an operator", () => createUserActor("operator")],
    ["an admin API key", async () => (await createKeyActor("admin")).actor],
  ])("%s cannot change them (FORBIDDEN), and nothing changes", async (_case, makeActor) => {
    const caller = callerFor(await makeActor());
    expect(await codeOf(caller.settings.update({ default_model: "sneaky" }))).toBe("FORBIDDEN");
    expect(await codeOf(caller.settings.update({ public_base_url: null }))).toBe("FORBIDDEN");
    expect((await callerFor(await createUserActor("admin")).settings.get()).default_model).toBeNull();
  });

  test("an admin sets the backend host allowlist entry by entry; null returns to the default", async () => {
    const admin = callerFor(await createUserActor("admin"));
    const saved = await admin.settings.update({
      backend_allowed_hosts: [
        "Loopback",
        "10.20.0.0/16",
        "vllm.internal",
        "*.GPU.example.com",
        "fd00::/8",
        "10.20.0.0/16",
      ],
    });
    expect(saved.backend_allowed_hosts).toEqual([
      "loopback",
      "10.20.0.0/16",
      "vllm.internal",
      "*.gpu.example.com",
      "fd00::/8",
    ]);
    // The other settings are left as they were.
    expect(saved.default_model).toBeNull();
    expect((await callerFor(await createUserActor("viewer")).settings.get()).backend_allowed_hosts).toEqual(
      saved.backend_allowed_hosts,
    );
    expect((await admin.settings.update({ backend_allowed_hosts: null })).backend_allowed_hosts).toEqual([
      "loopback",
      "private",
    ]);
  });

  test.each([
    ["169.254.169.254", /link-local/],
    ["fe80::1", /link-local/],
    ["0.0.0.0", /unspecified/],
    ["*.com", /host name/],
    ["10.0.0.0/33", /CIDR/],
    ["0x7f.1", /four decimal numbers/],
    ["not a host!", /host name/],
    ["", /empty/],
  ])("the allowlist entry %j is refused, and nothing changes", async (entry, reason) => {
    const adminActor = await createUserActor("admin");
    const admin = callerFor(adminActor);
    const refused = await rejectionOf<TRPCError>(
      admin.settings.update({ backend_allowed_hosts: ["private", entry] }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(reason);
    // The service checks each entry too (for callers that skip the schema), naming its position.
    const direct = await rejectionOf<AppError>(
      updateInstanceSettings(adminActor, { backend_allowed_hosts: ["private", entry] }),
    );
    expect(direct).toMatchObject({
      code: "INVALID_INPUT",
      details: [{ path: "backend_allowed_hosts.1", message: expect.stringMatching(reason) as string }],
    });
    expect((await admin.settings.get()).backend_allowed_hosts).toEqual(["loopback", "private"]);
  });

  test("only an admin changes the allowlist (operators, viewers and admin keys are FORBIDDEN)", async () => {
    for (const actor of [
      await createUserActor("operator"),
      await createUserActor("viewer"),
      (await createKeyActor("admin")).actor,
    ]) {
      expect(await codeOf(callerFor(actor).settings.update({ backend_allowed_hosts: ["0.0.0.0/0"] }))).toBe(
        "FORBIDDEN",
      );
    }
    expect((await callerFor(await createUserActor("admin")).settings.get()).backend_allowed_hosts).toEqual([
      "loopback",
      "private",
    ]);
  });

  test("an anonymous caller is UNAUTHORIZED for every procedure", async () => {
    const caller = callerFor(anonymous);
    expect(await codeOf(caller.settings.get())).toBe("UNAUTHORIZED");
    expect(await codeOf(caller.settings.deployment())).toBe("UNAUTHORIZED");
    expect(await codeOf(caller.settings.update({ default_model: "x" }))).toBe("UNAUTHORIZED");
  });

  test.each([
    [{ public_base_url: "ftp://files.example.com" }],
    [{ public_base_url: "https://chat.example.com/hearth" }],
    [{ public_base_url: "https://chat.example.com/?a=b" }],
    [{ public_base_url: "https://user:pw@chat.example.com" }],
    [{ public_base_url: "not a url" }],
    [{ default_model: "  " }],
    [{ default_sla_avg_ms: 0 }],
    [{ default_sla_avg_ms: 1.5 }],
    [{ default_sla_avg_ms: 3_600_001 }],
    [{ unknown: true }],
  ])("%j is BAD_REQUEST", async (input) => {
    const admin = callerFor(await createUserActor("admin"));
    expect(await codeOf(admin.settings.update(input as never))).toBe("BAD_REQUEST");
  });
});

describe("the deployment's configuration", () => {
  test("every console role reads it; it names the database kind and holds no secret", async () => {
    for (const role of ["viewer", "operator", "admin"] as const) {
      const info = await callerFor(await createUserActor(role)).settings.deployment();
      expect(info.version.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(info.public_url).toBe(testEnv.HEARTH_PUBLIC_URL);
      expect(info.data_dir).toBe(env.dataDir);
      expect(info.embeddings).toMatchObject({ provider: "hash", model: "lexical-v1", dimension: 512 });
      expect(info.security).toMatchObject({ master_key_set: true, metrics_token_set: false });
      if (env.HEARTH_DB_EMBEDDED) {
        expect(info.database).toEqual({
          kind: "pglite",
          location: expect.stringMatching(/pglite$/) as string,
        });
      } else {
        const url = new URL(env.DATABASE_URL!);
        expect(info.database).toMatchObject({ kind: "postgresql", host: url.hostname });
      }
      const text = JSON.stringify(info);
      for (const secret of [TEST_MASTER_KEY, testEnv.HEARTH_AUTH_SECRET, env.DATABASE_URL!]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  test("an admin API key (not a console user) cannot read it", async () => {
    const caller = callerFor((await createKeyActor("admin")).actor);
    expect(await codeOf(caller.settings.deployment())).toBe("FORBIDDEN");
  });

  test("URLs lose their credentials and query", () => {
    expect(withoutCredentials("https://key:secret@embed.example.com/v1?api_key=x#y")).toBe(
      "https://embed.example.com/v1",
    );
    expect(withoutCredentials("s3://bucket/prefix?access_key=abc")).toBe("s3://bucket/prefix");
    expect(withoutCredentials("/var/lib/hearth/lancedb")).toBe("/var/lib/hearth/lancedb");
  });
});

describe("the settings take effect", () => {
  test("new assistants get the default model and SLA unless they set their own", async () => {
    const admin = callerFor(await createUserActor("admin"));
    const before = await admin.assistants.create({ id: "before" });
    expect(before).toMatchObject({ model: env.defaultModel, sla: { avg_ms: 90_000 } });

    await admin.settings.update({ default_model: "gpt-oss-120b", default_sla_avg_ms: 45_000 });
    const after = await admin.assistants.create({ id: "after" });
    expect(after).toMatchObject({ model: "gpt-oss-120b", sla: { avg_ms: 45_000 } });
    const own = await admin.assistants.create({ id: "own", model: "llama-3", sla: { avg_ms: 5_000 } });
    expect(own).toMatchObject({ model: "llama-3", sla: { avg_ms: 5_000 } });

    await admin.settings.update({ default_model: null, default_sla_avg_ms: null });
    expect(await admin.assistants.create({ id: "reset" })).toMatchObject({
      model: env.defaultModel,
      sla: { avg_ms: 90_000 },
    });
  });

  test("the widget snippet loads from the public base URL, and embed requests from it are accepted", async () => {
    await createChatAssistant("support");
    const admin = callerFor(await createUserActor("admin"));
    const site = "https://shop.example.com";
    await updateWidget(master, "support", { enabled: true, allowed_origins: [site] });
    expect((await admin.widget.get({ assistantId: "support" })).snippet).toContain(
      `src="${testEnv.HEARTH_PUBLIC_URL}/widget.js"`,
    );

    await admin.settings.update({ public_base_url: "https://chat.example.com" });
    expect((await admin.widget.get({ assistantId: "support" })).snippet).toContain(
      'src="https://chat.example.com/widget.js"',
    );
    const page = await openWidget("support", `${site}/cart`, "10.0.0.1");
    if (page.status !== "ready") throw new Error(`refused: ${page.reason}`);
    // The iframe served at the public base URL, reached through a proxy under another host name.
    const request = { token: page.token, origin: "https://chat.example.com", host: "hearth.internal:3000" };
    expect((await authenticateWidget("support", request)).actor.origin).toBe(site);

    await admin.settings.update({ public_base_url: null });
    expect((await rejectionOf<{ code: string }>(authenticateWidget("support", request))).code).toBe(
      "FORBIDDEN",
    );
  });
});
