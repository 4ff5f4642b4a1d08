// The knowledge REST contract: files (multipart upload judged by content, status, listing,
// deletion), vector stores (create, list, get, update, files in and out, search, re-index,
// delete), answers grounded in the files, assistants made from files, and every error case the
// endpoints document: bad input, missing objects, wrong callers.
import { bearer, expect, expectApiError, test } from "../fixtures";
import { RUNTIME_LIMITS } from "../support/env";
import { upload, uploadOk, waitForIngestion, type FileBody } from "../support/knowledge-api";
import { createAssistant, createRuntimeKey, type AskResponse } from "../support/runtime-api";

const HANDBOOK = `# Employee handbook

## Holidays
Every employee gets 27 days of paid holiday a year, plus public holidays.

## Equipment
The product code for the docking station is XJ-9000.
`;
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

interface Store {
  id: string;
  name: string;
  is_default: boolean;
  status: string;
  file_counts: { in_progress: number; completed: number; failed: number; total: number };
  usage_bytes: number;
}

test.describe("files", () => {
  test("upload, ingestion, status, listing and deletion", async ({ api, uniqueId }) => {
    const assistant = await createAssistant(api, uniqueId("kb"));
    const [file] = await uploadOk(api, assistant, [{ name: "handbook.md", content: HANDBOOK }], {
      attributes: JSON.stringify({ team: "hr" }),
    });
    expect(file).toMatchObject({
      object: "file",
      filename: "handbook.md",
      format: "markdown",
      bytes: HANDBOOK.length,
    });
    const done = await waitForIngestion(api, assistant, file!.id);
    expect(done).toMatchObject({ status: "completed", stage: "done", error: null });
    expect(done.chunk_count).toBeGreaterThan(0);

    const list = await api.get(`/assistants/${assistant}/files`, { params: { status: "completed" } });
    expect(list.status()).toBe(200);
    expect(await list.json()).toMatchObject({ object: "list", total: 1, data: [{ id: file!.id }] });

    const deleted = await api.delete(`/assistants/${assistant}/files/${file!.id}`);
    expect(await deleted.json()).toEqual({ id: file!.id, object: "file.deleted", deleted: true });
    await expectApiError(await api.get(`/assistants/${assistant}/files/${file!.id}`), 404, "NOT_FOUND");
    await expectApiError(await api.delete(`/assistants/${assistant}/files/${file!.id}`), 404, "NOT_FOUND");
  });

  test("bad uploads are refused with the reason, and nothing is stored", async ({ api, uniqueId }) => {
    const assistant = await createAssistant(api, uniqueId("kb"));
    const pngAsPdf = await expectApiError(
      await upload(api, assistant, [{ name: "report.pdf", content: PNG }]),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    expect(pngAsPdf.error.message).toContain("report.pdf");
    await expectApiError(
      await upload(api, assistant, [{ name: "empty.txt", content: "" }]),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await upload(api, assistant, [
        { name: "big.txt", content: "a".repeat(RUNTIME_LIMITS.maxUploadBytes + 1) },
      ]),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    await expectApiError(
      await upload(api, assistant, [{ name: "a.md", content: HANDBOOK }], { attributes: "not json" }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post(`/assistants/${assistant}/files`, { data: { file: "x" } }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    await expectApiError(
      await upload(api, assistant, [{ name: "a.md", content: HANDBOOK }], {
        vector_store_id: "vs_000000000000000000000000",
      }),
      404,
      "NOT_FOUND",
    );
    const list = await api.get(`/assistants/${assistant}/files`);
    expect((await list.json()) as { total: number }).toMatchObject({ total: 0 });
  });

  test("a corrupt PDF is accepted, then fails with the reason", async ({ api, uniqueId }) => {
    const assistant = await createAssistant(api, uniqueId("kb"));
    const [file] = await uploadOk(api, assistant, [
      { name: "broken.pdf", content: "%PDF-1.7\nnot really a pdf" },
    ]);
    const failed = await waitForIngestion(api, assistant, file!.id);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toBeTruthy();
  });

  test("callers: none is 401, a key of another assistant 403, runtime keys read but do not write", async ({
    api,
    playwright,
    baseURL,
    uniqueId,
  }) => {
    const assistant = await createAssistant(api, uniqueId("kb"));
    const other = await createAssistant(api, uniqueId("kb"));
    const [file] = await uploadOk(api, assistant, [{ name: "handbook.md", content: HANDBOOK }]);
    const anonymous = await playwright.request.newContext({ baseURL });
    await expectApiError(await anonymous.get(`/assistants/${assistant}/files`), 401, "UNAUTHORIZED");
    await expectApiError(
      await upload(anonymous, assistant, [{ name: "a.md", content: HANDBOOK }]),
      401,
      "UNAUTHORIZED",
    );
    const otherKey = await createRuntimeKey(api, [other]);
    await expectApiError(
      await anonymous.get(`/assistants/${assistant}/files`, { headers: bearer(otherKey) }),
      403,
      "FORBIDDEN",
    );
    const ownKey = await createRuntimeKey(api, [assistant]);
    expect(
      (
        await anonymous.get(`/assistants/${assistant}/files/${file!.id}`, { headers: bearer(ownKey) })
      ).status(),
    ).toBe(200);
    await expectApiError(
      await upload(anonymous, assistant, [{ name: "a.md", content: HANDBOOK }], {}, bearer(ownKey)),
      403,
      "FORBIDDEN",
    );
    await expectApiError(await api.get(`/assistants/${other}/files/${file!.id}`), 404, "NOT_FOUND");
    await expectApiError(await api.get(`/assistants/nobody-here/files`), 404, "NOT_FOUND");
    await expectApiError(await api.get(`/assistants/${assistant}/files/not-a-file-id`), 400, "INVALID_INPUT");
    await anonymous.dispose();
  });
});

test.describe("vector stores", () => {
  test("create with files, read, update, search, files in and out, re-index, delete", async ({
    api,
    uniqueId,
  }) => {
    const assistant = await createAssistant(api, uniqueId("kb"));
    const [file] = await uploadOk(api, assistant, [{ name: "handbook.md", content: HANDBOOK }]);
    await waitForIngestion(api, assistant, file!.id);

    const created = await api.post(`/assistants/${assistant}/vectorstores`, {
      data: {
        name: "HR",
        file_ids: [file!.id],
        chunking_strategy: {
          type: "static",
          static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 },
        },
        expires_after: { anchor: "last_active_at", days: 7 },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const store = (await created.json()) as Store;
    expect(store).toMatchObject({ name: "HR", is_default: false, file_counts: { total: 1 } });
    await waitForIngestion(api, assistant, file!.id);

    const list = (await (await api.get(`/assistants/${assistant}/vectorstores`)).json()) as { data: Store[] };
    expect(list.data.map((item) => item.name).sort()).toEqual(["Default", "HR"]);
    const got = (await (await api.get(`/assistants/${assistant}/vectorstores/${store.id}`)).json()) as Store;
    expect(got).toMatchObject({ status: "completed", file_counts: { completed: 1 } });
    const renamed = await api.post(`/assistants/${assistant}/vectorstores/${store.id}`, {
      data: { name: "People" },
    });
    expect(((await renamed.json()) as Store).name).toBe("People");

    const search = await api.post(`/assistants/${assistant}/vectorstores/${store.id}/search`, {
      data: { query: "docking station product code", top_k: 3 },
    });
    expect(search.status(), await search.text()).toBe(200);
    const results = (await search.json()) as {
      data: { file_id: string; score: number; content: { text: string }[] }[];
    };
    expect(results.data[0]?.file_id).toBe(file!.id);
    expect(results.data[0]?.content[0]?.text).toContain("XJ-9000");

    const files = await api.get(`/assistants/${assistant}/vectorstores/${store.id}/files`);
    expect(await files.json()).toMatchObject({
      total: 1,
      data: [{ id: file!.id, object: "vector_store.file" }],
    });
    await expectApiError(
      await api.post(`/assistants/${assistant}/vectorstores/${store.id}/files`, {
        data: { file_id: file!.id },
      }),
      409,
      "CONFLICT",
    );
    const removed = await api.delete(`/assistants/${assistant}/vectorstores/${store.id}/files/${file!.id}`);
    expect(await removed.json()).toMatchObject({ id: file!.id, deleted: true });
    const readded = await api.post(`/assistants/${assistant}/vectorstores/${store.id}/files`, {
      data: { file_id: file!.id, attributes: { team: "hr" } },
    });
    expect(readded.status()).toBe(201);
    const reindex = await api.post(`/assistants/${assistant}/vectorstores/${store.id}/reindex`, { data: {} });
    expect(reindex.status()).toBe(200);
    await waitForIngestion(api, assistant, file!.id);

    const deleted = await api.delete(`/assistants/${assistant}/vectorstores/${store.id}`);
    expect(await deleted.json()).toEqual({ id: store.id, object: "vector_store.deleted", deleted: true });
    await expectApiError(
      await api.get(`/assistants/${assistant}/vectorstores/${store.id}`),
      404,
      "NOT_FOUND",
    );
    expect((await api.get(`/assistants/${assistant}/files/${file!.id}`)).status()).toBe(200);
  });

  test("bad input is 400 with the field named", async ({ api, uniqueId }) => {
    const assistant = await createAssistant(api, uniqueId("kb"));
    const overlap = await expectApiError(
      await api.post(`/assistants/${assistant}/vectorstores`, {
        data: {
          chunking_strategy: {
            type: "static",
            static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 150 },
          },
        },
      }),
      400,
      "INVALID_INPUT",
    );
    expect(JSON.stringify(overlap)).toContain("chunk_overlap_tokens");
    await expectApiError(
      await api.post(`/assistants/${assistant}/vectorstores`, {
        data: { file_ids: ["file_000000000000000000000000"] },
      }),
      400,
      "INVALID_INPUT",
    );
    const store = (await (
      await api.post(`/assistants/${assistant}/vectorstores`, { data: {} })
    ).json()) as Store;
    await expectApiError(
      await api.post(`/assistants/${assistant}/vectorstores/${store.id}/search`, { data: { query: "" } }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post(`/assistants/${assistant}/vectorstores/${store.id}/search`, {
        data: { query: "x", top_k: 500 },
      }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post(`/assistants/${assistant}/vectorstores/vs_000000000000000000000000/search`, {
        data: { query: "x" },
      }),
      404,
      "NOT_FOUND",
    );
  });
});

test.describe("answers from knowledge", () => {
  test("injected with citations; forwarded when nothing is relevant; refused when knowledge-only", async ({
    api,
    uniqueId,
  }) => {
    const assistant = await createAssistant(api, uniqueId("kb"));
    const [file] = await uploadOk(api, assistant, [{ name: "handbook.md", content: HANDBOOK }]);
    await waitForIngestion(api, assistant, file!.id);

    const ask = async (message: string) => {
      const response = await api.post(`/assistants/${assistant}/ask`, { data: { message } });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as AskResponse;
    };
    const injected = await ask("How many days of paid holiday does an employee get?");
    expect(injected.rag.decision).toBe("injected");
    expect(injected.citations[0]).toMatchObject({ file_id: file!.id, filename: "handbook.md" });
    const forwarded = await ask("Write a haiku about autumn leaves");
    expect(forwarded.rag.decision).toBe("forwarded");

    await api.post(`/admin/assistants/${assistant}`, {
      data: { rag: { mode: "knowledge_only", refusal_message: "I only know the handbook." } },
    });
    const refused = await ask("Write a haiku about autumn leaves");
    expect(refused).toMatchObject({
      answer: "I only know the handbook.",
      backend: null,
      rag: { decision: "refused" },
    });
  });

  test("an assistant made from files in one call", async ({ api }) => {
    const response = await api.post("/admin/assistants/auto", {
      multipart: (() => {
        const form = new FormData();
        form.append("file", new Blob([HANDBOOK]), "employee-handbook.md");
        return form;
      })(),
    });
    expect(response.status(), await response.text()).toBe(201);
    const created = (await response.json()) as {
      id: string;
      name: string;
      description: string;
      vector_store_id: string;
      files: FileBody[];
    };
    expect(created.name).toBe("Employee handbook");
    expect(created.description).toContain("Employee handbook");
    expect(created.id).toMatch(/^employee-handbook(-\d+)?$/);
    expect(created.vector_store_id).toMatch(/^vs_/);
    await waitForIngestion(api, created.id, created.files[0]!.id);

    const refused = await api.post("/admin/assistants/auto", {
      multipart: (() => {
        const form = new FormData();
        form.append("file", new Blob([PNG]), "image.md");
        form.append("name", "Never made");
        return form;
      })(),
    });
    await expectApiError(refused, 415, "UNSUPPORTED_MEDIA_TYPE");
    const all = (await (await api.get("/admin/assistants", { params: { q: "Never made" } })).json()) as {
      total: number;
    };
    expect(all.total).toBe(0);
  });
});
