import { describe, expect, test } from "vitest";
import { anonymous, keyActor, master, userActor } from "@/server/test/actors";
import type { Actor } from "./actor";
import { authorize, can, type Permission } from "./policy";

const permissions: Permission[] = [
  "assistants:read",
  "assistants:write",
  "api_keys:manage",
  "users:manage",
  "runtime:use",
];

// Which permissions each caller holds; everything not listed is refused.
const table: [name: string, actor: Actor, allowed: Permission[]][] = [
  ["admin user", userActor("admin"), permissions],
  ["operator user", userActor("operator"), ["assistants:read", "assistants:write", "runtime:use"]],
  ["viewer user", userActor("viewer"), ["assistants:read"]],
  ["admin key", keyActor("admin"), ["assistants:read", "assistants:write", "api_keys:manage", "runtime:use"]],
  ["master key", master, ["assistants:read", "assistants:write", "api_keys:manage", "runtime:use"]],
  ["runtime key (all assistants)", keyActor("runtime"), ["runtime:use"]],
];

describe.each(table)("%s", (_name, actor, allowed) => {
  test.each(permissions)("%s", (permission) => {
    const expected = allowed.includes(permission);
    expect(can(actor, permission)).toBe(expected);
    if (expected) {
      expect(() => authorize(actor, permission)).not.toThrow();
    } else {
      expect(() => authorize(actor, permission)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
  });
});

describe("anonymous", () => {
  test.each(permissions)("%s is UNAUTHORIZED, not FORBIDDEN", (permission) => {
    expect(can(anonymous, permission)).toBe(false);
    expect(() => authorize(anonymous, permission)).toThrow(expect.objectContaining({ code: "UNAUTHORIZED" }));
  });
});

describe("runtime key limited to listed assistants", () => {
  const limited = keyActor("runtime", ["support", "sales"]);

  test.each([
    ["a listed assistant", "support", true],
    ["another listed assistant", "sales", true],
    ["an unlisted assistant", "billing", false],
    ["no assistant named", undefined, false],
  ])("%s", (_case, assistantId, expected) => {
    expect(can(limited, "runtime:use", assistantId)).toBe(expected);
  });

  test("names the assistant in the FORBIDDEN message", () => {
    expect(() => authorize(limited, "runtime:use", "billing")).toThrow(
      "This caller is not allowed to runtime use on assistant 'billing'",
    );
  });

  test("an unrestricted runtime key may use any assistant", () => {
    expect(can(keyActor("runtime"), "runtime:use", "billing")).toBe(true);
  });
});

test.each([
  ["viewer cannot write", userActor("viewer"), "assistants:write"],
  ["operator cannot manage keys", userActor("operator"), "api_keys:manage"],
  ["operator cannot manage users", userActor("operator"), "users:manage"],
  ["runtime key cannot use the admin API", keyActor("runtime"), "assistants:read"],
  ["admin key cannot manage users", keyActor("admin"), "users:manage"],
  ["master key cannot manage users", master, "users:manage"],
] as const)("%s", (_case, actor, permission) => {
  expect(() => authorize(actor, permission)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
});
