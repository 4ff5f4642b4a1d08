import { beforeEach, describe, expect, test } from "vitest";
import { listAssistantsQuerySchema, type ListAssistantsQuery } from "@/server/schemas/assistant";
import { createUserActor, type UserActor } from "@/server/test/actors";
import { createAssistant } from "./create-assistant";
import { listAssistants } from "./list-assistants";

let viewer: UserActor;

/** The query as the schema completes it (default limit), from the fields a caller sends. */
const query = (input: Record<string, unknown> = {}): ListAssistantsQuery =>
  listAssistantsQuerySchema.parse(input);

beforeEach(async () => {
  viewer = await createUserActor("viewer");
});

describe("pagination", () => {
  const ids = Array.from({ length: 7 }, (_, i) => `asst-${i}`);

  beforeEach(async () => {
    const operator = await createUserActor("operator");
    // Created one after another: many share a createdAt millisecond, so the id breaks ties.
    for (const id of ids) await createAssistant(operator, { id });
  });

  test("walks every page with the cursor, newest first, without gaps or repeats", async () => {
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAssistants(viewer, query({ limit: 3, cursor }));
      expect(page.object).toBe("list");
      expect(page.total).toBe(7);
      seen.push(...page.data.map((assistant) => assistant.id));
      pages.push(page.data.length);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([3, 3, 1]);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(ids));
    const all = await listAssistants(viewer, query({ limit: 100 }));
    expect(all.data.map((assistant) => assistant.id)).toEqual(seen);
    expect(all.next_cursor).toBeNull();
  });

  test("a page that ends exactly at the last row has no next cursor", async () => {
    const page = await listAssistants(viewer, query({ limit: 7 }));
    expect(page.data).toHaveLength(7);
    expect(page.next_cursor).toBeNull();
  });

  test("an unknown cursor is INVALID_INPUT", async () => {
    await expect(listAssistants(viewer, query({ cursor: "no-such-assistant" }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});

describe("filters", () => {
  beforeEach(async () => {
    const operator = await createUserActor("operator");
    await createAssistant(operator, { id: "support", name: "Support desk", description: "Tickets" });
    await createAssistant(operator, { id: "sales", name: "Pricing", description: "Helps the SUPPORT team" });
    await createAssistant(operator, { id: "hr", name: "People", enabled: false });
    await createAssistant(operator, { id: "legal", name: "100% legal", description: "under_score" });
  });

  const ids = async (input: Record<string, unknown>) =>
    (await listAssistants(viewer, query(input))).data.map((assistant) => assistant.id).sort();

  test.each([
    ["enabled only", { enabled: "true" }, ["legal", "sales", "support"]],
    ["disabled only", { enabled: false }, ["hr"]],
    ["q matches id, name or description, case-insensitively", { q: "SuPpOrT" }, ["sales", "support"]],
    ["q on the name only", { q: "pric" }, ["sales"]],
    ["q on the id only", { q: "HR" }, ["hr"]],
    ["q and enabled together", { q: "support", enabled: "false" }, []],
    ["q with % is literal", { q: "0%" }, ["legal"]],
    ["q with _ is literal", { q: "r_s" }, ["legal"]],
    ["q that matches nothing", { q: "zzz" }, []],
  ])("%s", async (_case, input, expected) => {
    expect(await ids(input)).toEqual(expected);
  });

  test("total counts every match, not only the page", async () => {
    const page = await listAssistants(viewer, query({ limit: 1, enabled: true }));
    expect(page.data).toHaveLength(1);
    expect(page.total).toBe(3);
    expect(page.next_cursor).toBe(page.data[0]?.id);
  });
});

test.each([
  ["limit 0", { limit: 0 }],
  ["limit over 100", { limit: 101 }],
  ["a non-boolean enabled", { enabled: "yes" }],
  ["an unknown parameter", { sort: "name" }],
])("the query schema rejects %s", (_case, input) => {
  expect(listAssistantsQuerySchema.safeParse(input).success).toBe(false);
});

test("anonymous callers are UNAUTHORIZED", async () => {
  await expect(listAssistants({ kind: "anonymous" }, query())).rejects.toMatchObject({
    code: "UNAUTHORIZED",
  });
});
