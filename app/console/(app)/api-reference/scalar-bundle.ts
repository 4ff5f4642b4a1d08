// Scalar's standalone browser bundle, served by Hearth itself so the API reference works on a
// machine without internet access (no CDN). Read once per process from the installed package;
// its content hash versions the URL, so browsers may cache it for good.
import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

export type ScalarBundle = { body: Buffer; hash: string };

let bundle: Promise<ScalarBundle> | undefined;

async function load(): Promise<ScalarBundle> {
  const file = path.join(process.cwd(), "node_modules/@scalar/api-reference/dist/browser/standalone.js");
  const body = await readFile(file);
  return { body, hash: createHash("sha256").update(body).digest("hex").slice(0, 16) };
}

export function getScalarBundle(): Promise<ScalarBundle> {
  bundle ??= load().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

export const SCALAR_BUNDLE_PATH = "/console/api-reference/scalar.js";
