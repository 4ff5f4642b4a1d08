// The text fields of multipart uploads are validated at the edge with the spec's form schema, as a
// JSON body is: the same mistake gets the same error, naming `body.<field>`, whichever way it was
// sent; staged files are gone afterwards (a draft's failing parse too); the services get typed fields.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import * as draftRoute from "@/app/admin/assistants/auto/draft/route";
import * as autoRoute from "@/app/admin/assistants/auto/route";
import * as filesRoute from "@/app/assistants/[assistant_id]/files/route";
import { getDb } from "../db/client";
import { env } from "../env";
import { createAssistant } from "../services/assistants/create-assistant";
import { bearer, createKeyActor, master } from "../test/actors";
import { HANDBOOK_MD, PRICING_MD } from "../test/knowledge";
import type { RestBody } from "../test/rest";

let auth: Record<string, string>;

beforeEach(async () => {
  auth = bearer((await createKeyActor("admin")).secret);
  await createAssistant(master, { id: "support" });
});

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function send(route: Route, url: string, body: BodyInit, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { ...auth, ...headers },
    body,
  });
  const params: Record<string, string> = url.startsWith("/assistants/")
    ? { assistant_id: url.split("/")[2]! }
    : {};
  const response = await route(request, { params: Promise.resolve(params) });
  return { status: response.status, json: (await response.json()) as RestBody };
}

function form(fields: Record<string, string>, withFile = true): FormData {
  const data = new FormData();
  if (withFile) data.append("file", new Blob([HANDBOOK_MD], { type: "text/markdown" }), "handbook.md");
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const staging = path.join(env.dataDir, "tmp", "uploads");
const staged = () => readdir(staging).catch(() => [] as string[]);

describe("the same mistake, as JSON and as a form", () => {
  test.each([
    ["a blank name", { name: "   " }, "body.name"],
    ["a model name that is too long", { model: "m".repeat(201) }, "body.model"],
    ["an unknown field", { colour: "red" }, "body"],
  ])("%s: the same 400, naming %s", async (_case, fields, where) => {
    const asJson = await send(autoRoute.POST, "/admin/assistants/auto", JSON.stringify(fields), {
      "content-type": "application/json",
    });
    const asForm = await send(autoRoute.POST, "/admin/assistants/auto", form(fields));
    expect(asJson.status).toBe(400);
    expect(asForm).toEqual(asJson);
    expect(asForm.json.error.code).toBe("INVALID_INPUT");
    expect(asForm.json.error.details?.map((detail) => detail.path)).toEqual([where]);
    expect(await getDb().assistant.count()).toBe(1);
  });
});

describe("knowledge uploads", () => {
  test.each([
    ["attributes that are not JSON", { attributes: "{team: hr" }, "body.attributes", "must be a JSON object"],
    ["attributes that are not an object", { attributes: "[1]" }, "body.attributes", "expected record"],
    ["a malformed store id", { vector_store_id: "vs_nope" }, "body.vector_store_id", "vector store id"],
    ["an unknown field", { colour: "red" }, "body", 'Unrecognized key: "colour"'],
  ])("%s: 400 naming %s, nothing stored, nothing left staged", async (_case, fields, where, message) => {
    const before = await staged();
    const response = await send(filesRoute.POST, "/assistants/support/files", form(fields));
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("INVALID_INPUT");
    expect(response.json.error.message).toMatch(new RegExp(`^Invalid ${where.replace(".", "\\.")}: `));
    expect(response.json.error.details).toEqual([
      { path: where, message: expect.stringContaining(message) as string },
    ]);
    expect(await getDb().knowledgeFile.count()).toBe(0);
    expect(await staged()).toEqual(before);
  });

  test("valid fields reach the service typed: attributes as an object", async () => {
    const response = await send(
      filesRoute.POST,
      "/assistants/support/files",
      form({ attributes: JSON.stringify({ team: "hr", year: 2026 }) }),
    );
    expect(response.status).toBe(201);
    const [link] = await getDb().vectorStoreFile.findMany();
    expect(link?.attributes).toEqual({ team: "hr", year: 2026 });
  });

  test("a caller without credentials is refused before the form is read", async () => {
    const request = new Request("http://localhost/assistants/support/files", {
      method: "POST",
      body: form({ colour: "red" }),
    });
    const response = await filesRoute.POST(request, { params: Promise.resolve({ assistant_id: "support" }) });
    expect(response.status).toBe(401);
  });
});

describe("drafting from files, parsed side by side", () => {
  test("a document with no text among several: 400 naming it, nothing left staged", async () => {
    const before = await staged();
    const data = new FormData();
    for (const [name, content] of [
      ["handbook.md", HANDBOOK_MD],
      ["blank.md", "  \n\n "],
      ["pricing.md", PRICING_MD],
      ["notes.md", "\n"],
    ]) {
      data.append("file", new Blob([content!], { type: "text/markdown" }), name);
    }
    const response = await send(draftRoute.POST, "/admin/assistants/auto/draft", data);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("INVALID_INPUT");
    expect(response.json.error.message).toMatch(/^File 'blank\.md': /);
    expect(await staged()).toEqual(before);
  });
});
