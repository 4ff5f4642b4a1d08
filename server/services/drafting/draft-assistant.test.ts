// Drafting an assistant from files: the preview (titles, headings, text, chunks) comes from the
// same judge, parser and chunker as an upload; the settings from a connected model when its
// answer is the JSON asked for, else from the headings (either way the model's request is in usage);
// nothing is stored; ids are the name's slug with a suffix only when taken. Files are parsed side
// by side and come back in order.
import { afterEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { usageQuerySchema } from "../../schemas/usage";
import { createKeyActor, createUserActor, master } from "../../test/actors";
import {
  fakeChunk,
  fakeOpenAiServer,
  registerSimulatorBackend,
  simulatorForFile,
  type FakeOpenAiServer,
} from "../../test/chat";
import { HANDBOOK_MD, PRICING_MD, stageFile } from "../../test/knowledge";
import { rejectionOf } from "../../test/rejection";
import { createAssistant } from "../assistants/create-assistant";
import { createAssistantFromFiles } from "../assistants/create-assistant-auto";
import { createBackend } from "../backends/create-backend";
import { readUsage } from "../usage/read-usage";
import { draftAssistant } from "./draft-assistant";

const simulator = simulatorForFile();

const HTML = `<!doctype html><html><head><title>Returns policy</title></head>
<body><h1>Returns</h1><h2>Refunds</h2><p>Refunds take five working days.</p></body></html>`;
const TEXT = "Opening hours are nine to five on weekdays.\n";

const draftOf = async (files: { name: string; content: string | Uint8Array }[]) =>
  draftAssistant(master, {
    files: await Promise.all(files.map((file) => stageFile(file.name, file.content))),
  });

let fake: FakeOpenAiServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("the preview of each file", () => {
  test("titles come from a Markdown h1, an HTML <title> and a text file's name", async () => {
    const draft = await draftOf([
      { name: "handbook.md", content: HANDBOOK_MD },
      { name: "returns.html", content: HTML },
      { name: "opening_hours.txt", content: TEXT },
    ]);
    expect(draft.files.map((file) => [file.filename, file.title, file.title_source])).toEqual([
      ["handbook.md", "Employee handbook", "document"],
      ["returns.html", "Returns policy", "document"],
      ["opening_hours.txt", "Opening hours", "filename"],
    ]);
  });

  test("files parsed side by side come back in the order sent, a long one first", async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `Line ${i} of the archive.`).join("\n");
    const names = ["archive.txt", "handbook.md", "returns.html", "pricing.md", "opening_hours.txt"];
    const contents = [long, HANDBOOK_MD, HTML, PRICING_MD, TEXT];
    const draft = await draftOf(names.map((name, index) => ({ name, content: contents[index]! })));
    expect(draft.files.map((file) => file.filename)).toEqual(names);
    expect(draft.files.map((file) => file.title)).toEqual([
      "Archive",
      "Employee handbook",
      "Returns policy",
      "Pricing",
      "Opening hours",
    ]);
  });

  test("a Markdown file without an h1 is titled by its first heading; front matter wins over both", async () => {
    const draft = await draftOf([
      { name: "a.md", content: "## Shipping times\n\nParcels arrive in two days.\n" },
      { name: "b.md", content: "---\ntitle: Care guide\n---\n# Washing\n\nCold water only.\n" },
    ]);
    expect(draft.files.map((file) => [file.title, file.title_source])).toEqual([
      ["Shipping times", "heading"],
      ["Care guide", "document"],
    ]);
  });

  test("shows the headings, the extracted text and the chunks ingestion will make", async () => {
    const draft = await draftOf([{ name: "handbook.md", content: HANDBOOK_MD }]);
    const [file] = draft.files;
    expect(file).toMatchObject({ format: "markdown", text_truncated: false });
    expect(file!.headings).toEqual([
      "Employee handbook > Holidays",
      "Employee handbook > Expenses",
      "Employee handbook > Equipment",
    ]);
    expect(file!.text).toContain("Holidays\n\nEvery employee gets 27 days");
    expect(file!.characters).toBe(file!.text.length);
    // One section per heading, each small: one chunk each, in order, with token counts.
    expect(file!.chunk_count).toBe(3);
    expect(file!.chunks.map((chunk) => [chunk.index, chunk.heading])).toEqual([
      [0, "Employee handbook > Holidays"],
      [1, "Employee handbook > Expenses"],
      [2, "Employee handbook > Equipment"],
    ]);
    expect(file!.chunks[1]!.text).toContain("expense claims within 30 days");
    expect(file!.chunks.every((chunk) => chunk.token_count > 5)).toBe(true);
  });

  test("a long text is cut and flagged; the chunks still count all of it", async () => {
    const long = Array.from({ length: 600 }, (_, i) => `Sentence number ${i} about the archive.`).join(" ");
    const [file] = (await draftOf([{ name: "archive.txt", content: long }])).files;
    expect(file!.text_truncated).toBe(true);
    expect(file!.text.length).toBeLessThanOrEqual(4000);
    expect(file!.characters).toBe(long.length);
    expect(file!.chunk_count).toBeGreaterThan(3);
    expect(file!.chunks).toHaveLength(3);
  });
});

describe("drafting from the headings (no backend)", () => {
  test("one file: its title names the assistant; questions come from its headings", async () => {
    const draft = await draftOf([{ name: "handbook.md", content: HANDBOOK_MD }]);
    expect(draft).toMatchObject({
      object: "assistant.draft",
      drafted_by: "headings",
      name: "Employee handbook",
      id: "employee-handbook",
    });
    expect(draft.suggested_questions).toEqual([
      "What should I know about holidays?",
      "What should I know about expenses?",
      "What should I know about equipment?",
    ]);
    expect(draft.description).toContain("Employee handbook");
    expect(draft.instructions).toContain("Employee handbook");
  });

  test("several files are named by their titles, never 'X and 2 more'", async () => {
    const draft = await draftOf([
      { name: "handbook.md", content: HANDBOOK_MD },
      { name: "pricing.md", content: PRICING_MD },
    ]);
    expect(draft.name).toBe("Employee handbook and Pricing");
    expect(draft.id).toBe("employee-handbook-and-pricing");
    expect(draft.suggested_questions).toHaveLength(3);
  });

  test("the id gets a suffix only when the name's slug is taken", async () => {
    await createAssistant(master, { id: "employee-handbook" });
    expect((await draftOf([{ name: "handbook.md", content: HANDBOOK_MD }])).id).toBe("employee-handbook-2");
    await createAssistant(master, { id: "employee-handbook-2" });
    expect((await draftOf([{ name: "handbook.md", content: HANDBOOK_MD }])).id).toBe("employee-handbook-3");
  });

  test("nothing is stored", async () => {
    await draftOf([{ name: "handbook.md", content: HANDBOOK_MD }]);
    expect(await getDb().assistant.count()).toBe(0);
    expect(await getDb().knowledgeFile.count()).toBe(0);
  });
});

describe("drafting with a model", () => {
  const answer = {
    name: "HR Helper",
    description: "Answers staff questions about holidays, expenses and equipment.",
    instructions: "Answer from the handbook only. Cite the section.",
    suggested_questions: [
      "How many holidays do I get?",
      "How do I claim expenses?",
      "Which laptop?",
      "Extra?",
    ],
  };

  test("a model's JSON answer drafts the settings (fenced or not); the id follows its name", async () => {
    const json = JSON.stringify(answer);
    fake = await fakeOpenAiServer([
      fakeChunk({ content: "```json\n" + json.slice(0, 40) }),
      fakeChunk({ content: json.slice(40) + "\n```" }, "stop"),
    ]);
    await createBackend(master, {
      name: "scripted",
      kind: "openai_compatible",
      base_url: fake.baseUrl,
      models: ["scripted-model"],
    });
    const draft = await draftOf([{ name: "handbook.md", content: HANDBOOK_MD }]);
    expect(draft).toMatchObject({
      drafted_by: "model",
      id: "hr-helper",
      name: "HR Helper",
      description: answer.description,
      instructions: answer.instructions,
      suggested_questions: answer.suggested_questions.slice(0, 3),
    });
    // The model was shown the document: its title, headings and text.
    const sent = JSON.stringify(fake.requests[0]!.body.messages);
    expect(sent).toContain("Employee handbook");
    expect(sent).toContain("27 days of paid holiday");
    expect(fake.requests[0]!.body.model).toBe("scripted-model");
  });

  test("the model's tokens, time and cost are in usage, under the calling key, on no assistant", async () => {
    fake = await fakeOpenAiServer([
      fakeChunk({ content: JSON.stringify(answer) }, "stop"),
      fakeChunk({}, null, {
        choices: [],
        usage: {
          prompt_tokens: 1200,
          completion_tokens: 150,
          total_tokens: 1350,
          completion_tokens_details: { reasoning_tokens: 40 },
        },
      }),
    ]);
    const backend = await createBackend(master, {
      name: "scripted",
      kind: "openai_compatible",
      base_url: fake.baseUrl,
      models: ["scripted-model"],
      prices: { input_per_million: 2, output_per_million: 8, gpu_hour: null },
    });
    const { actor: key } = await createKeyActor("admin");
    const files = [await stageFile("handbook.md", HANDBOOK_MD)];
    expect((await draftAssistant(key, { files })).drafted_by).toBe("model");
    await draftAssistant(await createUserActor("admin"), { files });

    const usage = await readUsage(master, usageQuerySchema.parse({ group_by: "key" }));
    expect(usage.totals).toMatchObject({
      requests: 2,
      completed: 2,
      prompt_tokens: 2400,
      completion_tokens: 300,
      reasoning_tokens: 80,
      cost: (2 * (1200 * 2 + 150 * 8)) / 1e6,
    });
    expect(usage.rows.map((row) => [row.key, row.requests]).sort()).toEqual([
      ["", 1],
      [key.keyId, 1],
    ]);
    const byAssistant = await readUsage(master, usageQuerySchema.parse({ group_by: "assistant" }));
    expect(byAssistant.rows).toEqual([
      expect.objectContaining({ key: "", label: "No assistant (drafting from files)", requests: 2 }),
    ]);
    const byChannel = await readUsage(master, usageQuerySchema.parse({ group_by: "channel" }));
    expect(byChannel.rows.map((row) => [row.key, row.requests]).sort()).toEqual([
      ["api", 1],
      ["playground", 1],
    ]);
    const byBackend = await readUsage(master, usageQuerySchema.parse({ group_by: "backend" }));
    expect(byBackend.rows).toEqual([expect.objectContaining({ key: backend.id, requests: 2 })]);
  });

  test("an answer that is not the JSON asked for falls back to the headings (the simulator)", async () => {
    await registerSimulatorBackend(simulator());
    const before = simulator().stats().completed;
    const draft = await draftOf([{ name: "handbook.md", content: HANDBOOK_MD }]);
    expect(simulator().stats().completed).toBe(before + 1);
    expect(draft).toMatchObject({ drafted_by: "headings", name: "Employee handbook" });
    // An answer the draft could not use still spent the GPU: it is in usage.
    const usage = await readUsage(master, usageQuerySchema.parse({}));
    expect(usage.totals).toMatchObject({ requests: 1, completed: 1 });
    expect(usage.totals.completion_tokens).toBeGreaterThan(0);
    expect(usage.totals.gpu_seconds).toBeGreaterThan(0);
  });

  test("JSON with the wrong shape falls back too", async () => {
    fake = await fakeOpenAiServer([fakeChunk({ content: '{"name": "", "questions": []}' }, "stop")]);
    await createBackend(master, {
      name: "scripted",
      kind: "openai_compatible",
      base_url: fake.baseUrl,
      models: ["scripted-model"],
    });
    const draft = await draftOf([{ name: "handbook.md", content: HANDBOOK_MD }]);
    expect(fake.requests).toHaveLength(1);
    expect(draft.drafted_by).toBe("headings");
  });
});

describe("refusals", () => {
  const PNG = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
  ]);

  test.each([
    ["an unsupported type", "photo.pdf", PNG, "UNSUPPORTED_MEDIA_TYPE"],
    ["an empty file", "empty.txt", "", "INVALID_INPUT"],
    ["a document with no text", "blank.md", "   \n\n  \n", "INVALID_INPUT"],
  ])("%s, as an upload refuses it, naming the file", async (_, name, content, code) => {
    const error = await rejectionOf<AppError>(
      draftOf([
        { name: "handbook.md", content: HANDBOOK_MD },
        { name, content },
      ]),
    );
    expect(error.code).toBe(code);
    expect(error.message).toContain(name);
  });

  test("of several bad files, the first sent is named, as one after another would", async () => {
    const error = await rejectionOf<AppError>(
      draftOf([
        { name: "handbook.md", content: HANDBOOK_MD },
        { name: "blank.md", content: "  \n\n " },
        { name: "returns.html", content: HTML },
        { name: "notes.md", content: "\n" },
      ]),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/^File 'blank\.md': /);
  });

  test("no file at all", async () => {
    expect((await rejectionOf<AppError>(draftOf([]))).code).toBe("INVALID_INPUT");
  });

  test("a viewer may not draft", async () => {
    const viewer = await createUserActor("viewer");
    const files = [await stageFile("handbook.md", HANDBOOK_MD)];
    expect((await rejectionOf<AppError>(draftAssistant(viewer, { files }))).code).toBe("FORBIDDEN");
  });
});

describe("creating from files", () => {
  test("without a name, it is named from the titles; the id gets a suffix only when taken", async () => {
    const create = async () =>
      createAssistantFromFiles(master, {
        files: [await stageFile("handbook.md", HANDBOOK_MD), await stageFile("pricing.md", PRICING_MD)],
        fields: {},
      });
    const first = await create();
    expect(first).toMatchObject({
      id: "employee-handbook-and-pricing",
      name: "Employee handbook and Pricing",
    });
    expect((await create()).id).toBe("employee-handbook-and-pricing-2");
  });

  test("what a draft proposed is created as reviewed; a taken id is a conflict", async () => {
    const fields = {
      id: "hr-desk",
      name: "HR desk",
      description: "Staff questions.",
      instructions: "Answer briefly.",
      suggested_questions: ["How many holidays do I get?"],
    };
    const created = await createAssistantFromFiles(master, {
      files: [await stageFile("handbook.md", HANDBOOK_MD)],
      fields,
    });
    expect(created).toMatchObject({ ...fields, files: [{ filename: "handbook.md" }] });
    const again = await rejectionOf<AppError>(
      createAssistantFromFiles(master, { files: [await stageFile("handbook.md", HANDBOOK_MD)], fields }),
    );
    expect(again.code).toBe("CONFLICT");
  });
});
