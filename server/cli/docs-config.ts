// `npm run docs:config`: writes .env.example and docs/configuration.md from the env schema's
// documentation (server/env.ts, laid out by server/env-docs.ts). Run it after adding or changing a
// variable; server/env-docs.test.ts fails until the committed files match.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatedConfigFiles } from "../env-docs";

const root = path.resolve(import.meta.dirname, "../..");

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

for (const file of await generatedConfigFiles(root)) {
  const target = path.join(root, file.path);
  if (readOrEmpty(target) === file.text) {
    console.log(`${file.path}: up to date`);
    continue;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.text);
  console.log(`${file.path}: written`);
}
