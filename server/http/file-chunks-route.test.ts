// GET /assistants/{id}/files/{file_id}/chunks through its route handler, with the credentials a
// client sends: a stored file's chunks page by page in the file's order (limit and cursor, as the
// other lists), the same as the console's preview; callers refused as the file itself refuses
// them; a missing file or another assistant's is 404; a cursor that names no chunk is a 400.
import { beforeEach, describe, expect, test } from "vitest";
import * as fileRoute from "@/app/assistants/[assistant_id]/files/[file_id]/route";
import * as chunksRoute from "@/app/assistants/[assistant_id]/files/[file_id]/chunks/route";
import type { FileChunkList } from "@/server/schemas/knowledge";
import { getFileChunks } from "@/server/services/knowledge/files/get-file-chunks";
import { uploadFiles } from "@/server/services/knowledge/files/upload-files";
import { bearer, createKeyActor, master } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { HANDBOOK_MD, stageFile, uploadAndIngest } from "@/server/test/knowledge";
import { callRoute } from "@/server/test/rest";

let runtime: Record<string, string>;
let salesKey: Record<string, string>;
let fileId: string;

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
  runtime = bearer((await createKeyActor("runtime", ["support"])).secret);
  salesKey = bearer((await createKeyActor("runtime", ["sales"])).secret);
  const [file] = await uploadAndIngest(master, "support", [{ name: "handbook.md", content: HANDBOOK_MD }]);
  fileId = file!.id;
});

const chunks = (assistantId: string, id: string, query: string, headers: Record<string, string>) =>
  callRoute(chunksRoute.GET, {
    path: `/assistants/${assistantId}/files/${id}/chunks${query}`,
    params: { assistant_id: assistantId, file_id: id },
    headers,
  });

describe("GET /assistants/{id}/files/{file_id}/chunks", () => {
  test("pages of `limit` chunks in order, following next_cursor to the end", async () => {
    const first = await chunks("support", fileId, "?limit=2", runtime);
    expect(first.status).toBe(200);
    const page = first.json as unknown as FileChunkList;
    expect(page).toMatchObject({ object: "list", total: 3, file_id: fileId, next_cursor: "1" });
    expect(page.vector_store_id).toMatch(/^vs_/);
    expect(page.data.map((chunk) => [chunk.index, chunk.heading])).toEqual([
      [0, "Employee handbook > Holidays"],
      [1, "Employee handbook > Expenses"],
    ]);

    const second = (await chunks("support", fileId, `?limit=2&cursor=${page.next_cursor}`, runtime))
      .json as unknown as FileChunkList;
    expect(second).toMatchObject({ total: 3, next_cursor: null });
    expect(second.data.map((chunk) => chunk.index)).toEqual([2]);
    expect(second.data[0]!.text).toContain("laptop");

    // All of them, as the console's preview shows them.
    const all = (await chunks("support", fileId, "", runtime)).json as unknown as FileChunkList;
    expect(all.next_cursor).toBeNull();
    expect(all.data).toEqual((await getFileChunks(master, "support", fileId)).chunks);
  });

  test("a file not yet ingested has none yet", async () => {
    const [queued] = await uploadFiles(master, "support", {
      files: [await stageFile("later.md", "# Later\n\nNot indexed yet.\n")],
      fields: {},
    });
    const response = await chunks("support", queued!.id, "", runtime);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      object: "list",
      data: [],
      total: 0,
      next_cursor: null,
      file_id: queued!.id,
      vector_store_id: null,
    });
  });

  test("refused as the file itself is: no credentials 401, another assistant's key as GET of the file", async () => {
    expect((await chunks("support", fileId, "", {})).status).toBe(401);
    const outsider = await chunks("support", fileId, "", salesKey);
    const fileAnswer = await callRoute(fileRoute.GET, {
      path: `/assistants/support/files/${fileId}`,
      params: { assistant_id: "support", file_id: fileId },
      headers: salesKey,
    });
    expect([403, 404]).toContain(outsider.status);
    expect([outsider.status, outsider.json.error.code]).toEqual([
      fileAnswer.status,
      fileAnswer.json.error.code,
    ]);
  });

  test("a missing file, or another assistant's, is 404", async () => {
    const missing = await chunks("support", "file_000000000000000000000000", "", runtime);
    expect([missing.status, missing.json.error.code]).toEqual([404, "NOT_FOUND"]);
    const admin = bearer((await createKeyActor("admin")).secret);
    expect((await chunks("sales", fileId, "", admin)).status).toBe(404);
  });

  test("a cursor that names no chunk of the file, or a limit out of range, is a 400", async () => {
    for (const query of ["?cursor=abc", "?cursor=3", "?cursor=-1", "?limit=0", "?limit=101"]) {
      const response = await chunks("support", fileId, query, runtime);
      expect([response.status, response.json.error.code], query).toEqual([400, "INVALID_INPUT"]);
    }
    const stale = await chunks("support", fileId, "?cursor=7", runtime);
    expect(stale.json.error.message).toBe(
      "cursor does not match any chunk of this file; start again without it",
    );
  });
});
