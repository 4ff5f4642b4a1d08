// The console's widget procedures: every role reads the settings and the snippet, only operators
// and admins change them, invalid origins and languages are BAD_REQUEST with the field named; the
// refused origins are listed to every role and allowed or dismissed by operators and admins.
import type { TRPCError } from "@trpc/server";
import { beforeEach, expect, test } from "vitest";
import { anonymous, userActor } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import { callerFor } from "@/server/test/trpc";
import { getWidgetStatus } from "@/server/services/widget/get-widget-status";

beforeEach(async () => {
  await createChatAssistant("support");
});

test("a viewer reads the settings and snippet; an operator changes them", async () => {
  const read = await callerFor(userActor("viewer")).widget.get({ assistantId: "support" });
  expect(read).toMatchObject({ enabled: false, allowed_origins: [] });
  expect(read.snippet).toContain('data-assistant="support"');
  expect(
    (
      await rejectionOf<TRPCError>(
        callerFor(userActor("viewer")).widget.update({ assistantId: "support", changes: { enabled: true } }),
      )
    ).code,
  ).toBe("FORBIDDEN");
  const saved = await callerFor(userActor("operator")).widget.update({
    assistantId: "support",
    changes: { enabled: true, allowed_origins: ["https://www.example.com"], greeting: "Hi" },
  });
  expect(saved).toMatchObject({
    enabled: true,
    allowed_origins: ["https://www.example.com"],
    greeting: "Hi",
  });
});

test("an origin with a path is refused; an anonymous caller is UNAUTHORIZED", async () => {
  const bad = await rejectionOf<TRPCError>(
    callerFor(userActor("admin")).widget.update({
      assistantId: "support",
      changes: { allowed_origins: ["https://www.example.com/shop"] },
    }),
  );
  expect(bad.code).toBe("BAD_REQUEST");
  expect(
    (await rejectionOf<TRPCError>(callerFor(anonymous).widget.get({ assistantId: "support" }))).code,
  ).toBe("UNAUTHORIZED");
});

test("the language is one of the widget's; another is BAD_REQUEST naming the field", async () => {
  const admin = callerFor(userActor("admin"));
  expect((await admin.widget.update({ assistantId: "support", changes: { language: "tr" } })).language).toBe(
    "tr",
  );
  const bad = await rejectionOf<TRPCError>(
    admin.widget.update({ assistantId: "support", changes: { language: "xx" as "en" } }),
  );
  expect(bad.code).toBe("BAD_REQUEST");
  expect(bad.message).toContain("language");
  expect((await admin.widget.get({ assistantId: "support" })).language).toBe("tr");
});

test("refused origins: listed to viewers, allowed or dismissed by operators", async () => {
  await getWidgetStatus("support", { origin: "https://shop.example", clientAddress: "192.0.2.10" });
  await getWidgetStatus("support", { origin: "https://spam.example", clientAddress: "192.0.2.10" });
  const viewer = callerFor(userActor("viewer"));
  expect((await viewer.widget.refusedOrigins({ assistantId: "support" })).map((row) => row.origin)).toEqual([
    "https://spam.example",
    "https://shop.example",
  ]);
  const input = { assistantId: "support", origin: "https://shop.example" };
  expect((await rejectionOf<TRPCError>(viewer.widget.allowOrigin(input))).code).toBe("FORBIDDEN");
  expect((await rejectionOf<TRPCError>(viewer.widget.dismissOrigin(input))).code).toBe("FORBIDDEN");
  const operator = callerFor(userActor("operator"));
  expect((await operator.widget.allowOrigin(input)).allowed_origins).toEqual(["https://shop.example"]);
  expect(
    await operator.widget.dismissOrigin({ assistantId: "support", origin: "https://spam.example" }),
  ).toEqual({});
  expect(await viewer.widget.refusedOrigins({ assistantId: "support" })).toEqual([]);
  expect(
    (
      await rejectionOf<TRPCError>(
        operator.widget.allowOrigin({ assistantId: "support", origin: "not an origin" }),
      )
    ).code,
  ).toBe("BAD_REQUEST");
  expect((await rejectionOf<TRPCError>(viewer.widget.refusedOrigins({ assistantId: "nobody" }))).code).toBe(
    "NOT_FOUND",
  );
});
