// Fixtures for the knowledge tests: files staged on disk as the multipart reader leaves them,
// uploads through the real service, and ingestion run to the end in the test's own process.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { env } from "../env";
import type { FileDto, UploadFields } from "../schemas/knowledge";
import type { Actor } from "../services/access/actor";
import { uploadFiles, type UploadedFile } from "../services/knowledge/files/upload-files";
import { runIngestionUntilIdle } from "../services/knowledge/ingestion/ingestion-worker";

export async function stageFile(filename: string, content: string | Uint8Array): Promise<UploadedFile> {
  const dir = await mkdtemp(path.join(tmpdir(), "hearth-staged-"));
  const file = path.join(dir, "0");
  const bytes = typeof content === "string" ? Buffer.from(content) : Buffer.from(content);
  await writeFile(file, bytes);
  return {
    filename,
    path: file,
    bytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** Uploads files and runs their ingestion to the end; returns the files as they then are. */
export async function uploadAndIngest(
  actor: Actor,
  assistantId: string,
  files: { name: string; content: string | Uint8Array }[],
  fields: UploadFields = {},
): Promise<FileDto[]> {
  const staged = await Promise.all(files.map((file) => stageFile(file.name, file.content)));
  const uploaded = await uploadFiles(actor, assistantId, { files: staged, fields });
  await runIngestionUntilIdle();
  return uploaded;
}

/** Every blob in content-addressed storage, by hash. */
export async function storedBlobs(): Promise<string[]> {
  const root = path.join(env.dataDir, "files");
  const prefixes = await readdir(root).catch(() => [] as string[]);
  const nested = await Promise.all(prefixes.map((prefix) => readdir(path.join(root, prefix))));
  return nested.flat().filter((name) => !name.endsWith(".tmp"));
}

export const HANDBOOK_MD = `# Employee handbook

## Holidays
Every employee gets 27 days of paid holiday a year, plus public holidays. Unused days carry over until March.

## Expenses
Submit expense claims within 30 days through the finance portal. Receipts over 25 euros must be attached.

## Equipment
The standard laptop is a ThinkPad X1 Carbon; the product code for the docking station is XJ-9000.
`;

export const PRICING_MD = `# Pricing

## Plans
The Starter plan costs 19 euros per month and includes 3 seats. The Business plan costs 79 euros per month.

## Discounts
Non-profit organisations receive a 40 percent discount on every plan.
`;
