// The console's widget procedures: every role reads the settings and the snippet, only operators
// and admins change them, invalid origins are BAD_REQUEST with the field named.
import type { TRPCError } from "@trpc/server";
import { beforeEach, expect, test } from "vitest";
import { anonymous, userActor } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import { callerFor } from "@/server/test/trpc";

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
