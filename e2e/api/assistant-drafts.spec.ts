// POST /admin/assistants/auto/draft: files judged as an upload judges them, previewed as ingestion
// will read them, and settings drafted from them, with nothing stored; then the reviewed fields
// go to POST /admin/assistants/auto with the same files.
import { expect, expectApiError, test } from "../fixtures";

const FAQ = `# Office FAQ

## Opening hours
The office opens at nine and closes at five.

## Parking
Visitors park in the north lot.
`;
const PRICING = `# Pricing

## Plans
The Starter plan costs 19 euros per month.
`;
const PNG = new Uint8Array(Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));

function form(
  files: [string, string | Uint8Array<ArrayBuffer>][],
  fields: Record<string, string> = {},
): FormData {
  const data = new FormData();
  for (const [name, content] of files) data.append("file", new Blob([content]), name);
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

interface Draft {
  object: string;
  drafted_by: string;
  id: string;
  name: string;
  description: string;
  instructions: string;
  suggested_questions: string[];
  files: {
    filename: string;
    title: string;
    title_source: string;
    headings: string[];
    text: string;
    text_truncated: boolean;
    chunk_count: number;
    chunks: { index: number; text: string; token_count: number; heading: string | null }[];
  }[];
}

test("a draft previews each file and proposes settings, storing nothing", async ({ api }) => {
  const response = await api.post("/admin/assistants/auto/draft", {
    multipart: form([
      ["faq.md", FAQ],
      ["pricing.md", PRICING],
    ]),
  });
  expect(response.status(), await response.text()).toBe(200);
  const draft = (await response.json()) as Draft;
  expect(Object.keys(draft).sort()).toEqual(
    [
      "object",
      "drafted_by",
      "id",
      "name",
      "description",
      "instructions",
      "suggested_questions",
      "files",
    ].sort(),
  );
  // The simulator beside the server never answers JSON: the headings draft.
  expect(draft).toMatchObject({
    object: "assistant.draft",
    drafted_by: "headings",
    name: "Office FAQ and Pricing",
  });
  expect(draft.id).toMatch(/^office-faq-and-pricing(-\d+)?$/);
  expect(draft.suggested_questions).toHaveLength(3);
  expect(draft.files.map((file) => [file.filename, file.title, file.title_source])).toEqual([
    ["faq.md", "Office FAQ", "document"],
    ["pricing.md", "Pricing", "document"],
  ]);
  const [faq] = draft.files;
  expect(faq!.headings).toEqual(["Office FAQ > Opening hours", "Office FAQ > Parking"]);
  expect(faq!.text).toContain("The office opens at nine");
  expect(faq!.chunk_count).toBe(2);
  expect(faq!.chunks[0]).toMatchObject({ index: 0, heading: "Office FAQ > Opening hours" });
  expect(faq!.chunks[0]!.token_count).toBeGreaterThan(0);
  // Nothing was stored: the proposed id is still free.
  expect((await api.get(`/admin/assistants/${draft.id}`)).status()).toBe(404);
});

test("the reviewed fields create the assistant; its id taken is a 409", async ({ api, uniqueId }) => {
  const id = uniqueId("office");
  const fields = {
    id,
    name: "Office helper",
    description: "Answers visitors' questions.",
    instructions: "Answer briefly.",
    suggested_questions: JSON.stringify(["When does the office open?", "Where do I park?"]),
  };
  const created = await api.post("/admin/assistants/auto", { multipart: form([["faq.md", FAQ]], fields) });
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({
    id,
    name: "Office helper",
    suggested_questions: ["When does the office open?", "Where do I park?"],
    files: [{ filename: "faq.md" }],
  });
  const got = (await (await api.get(`/admin/assistants/${id}`)).json()) as { suggested_questions: string[] };
  expect(got.suggested_questions).toEqual(["When does the office open?", "Where do I park?"]);
  await expectApiError(
    await api.post("/admin/assistants/auto", { multipart: form([["faq.md", FAQ]], fields) }),
    409,
    "CONFLICT",
  );
  await expectApiError(
    await api.post("/admin/assistants/auto", {
      multipart: form([["faq.md", FAQ]], { suggested_questions: "not json" }),
    }),
    400,
    "INVALID_INPUT",
  );
});

test("bad files are refused as an upload refuses them", async ({ api }) => {
  const draft = (files: [string, string | Uint8Array<ArrayBuffer>][]) =>
    api.post("/admin/assistants/auto/draft", { multipart: form(files) });
  await expectApiError(
    await draft([
      ["faq.md", FAQ],
      ["image.md", PNG],
    ]),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
  );
  await expectApiError(await draft([["empty.txt", ""]]), 400, "INVALID_INPUT");
  await expectApiError(
    await api.post("/admin/assistants/auto/draft", { data: {} }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
  );
  await expectApiError(
    await api.post("/admin/assistants/auto/draft", { multipart: form([]) }),
    400,
    "INVALID_INPUT",
  );
});
