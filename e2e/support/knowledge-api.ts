// Helpers for the knowledge specs: multipart uploads through the REST API, and waiting until the
// background ingestion of files has finished.
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";

export interface FileBody {
  id: string;
  object: "file";
  filename: string;
  bytes: number;
  format: string;
  status: "in_progress" | "completed" | "failed" | "cancelled";
  stage: string;
  chunk_count: number;
  error: { code: string; message: string } | null;
  vector_store_ids: string[];
}

export interface Upload {
  name: string;
  content: string | Buffer;
  mimeType?: string;
}

export function uploadForm(files: Upload[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const file of files) {
    const bytes = typeof file.content === "string" ? Buffer.from(file.content) : file.content;
    form.append(
      "file",
      new Blob([new Uint8Array(bytes)], { type: file.mimeType ?? "application/octet-stream" }),
      file.name,
    );
  }
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

export function upload(
  api: APIRequestContext,
  assistantId: string,
  files: Upload[],
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return api.post(`/assistants/${assistantId}/files`, { multipart: uploadForm(files, fields), headers });
}

/** Uploads and expects 201; returns the files as created. */
export async function uploadOk(api: APIRequestContext, assistantId: string, files: Upload[], fields = {}) {
  const response = await upload(api, assistantId, files, fields);
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { data: FileBody[] }).data;
}

/** Polls a file until its ingestion has ended; returns it. */
export async function waitForIngestion(
  api: APIRequestContext,
  assistantId: string,
  fileId: string,
): Promise<FileBody> {
  let file: FileBody | undefined;
  await expect
    .poll(
      async () => {
        const response = await api.get(`/assistants/${assistantId}/files/${fileId}`);
        file = (await response.json()) as FileBody;
        return file.status;
      },
      { timeout: 30_000, intervals: [100, 250, 500] },
    )
    .not.toBe("in_progress");
  return file!;
}
