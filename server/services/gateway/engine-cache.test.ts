// One engine per backend configuration, shared by concurrent first requests; a change to the
// connection settings makes a new one, other changes (draining, models) keep it.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { getDb } from "../../db/client";
import { env } from "../../env";
import { master } from "../../test/actors";
import { createBackend } from "../backends/create-backend";
import { updateBackend } from "../backends/update-backend";
import { engineFor } from "./engine-cache";

const rowOf = (id: string) => getDb().backend.findUniqueOrThrow({ where: { id } });

test("one engine per connection settings; draining or new models keep it, a new URL replaces it", async () => {
  const backend = await createBackend(master, {
    name: "small",
    kind: "openai_compatible",
    base_url: "http://127.0.0.1:9/v1",
    models: ["gpt-oss-20b"],
  });
  const first = await engineFor(await rowOf(backend.id));
  expect(await engineFor(await rowOf(backend.id))).toBe(first);

  await updateBackend(master, backend.id, { draining: true, models: ["gpt-oss-20b", "gpt-oss-120b"] });
  expect(await engineFor(await rowOf(backend.id))).toBe(first);

  await updateBackend(master, backend.id, { base_url: "http://127.0.0.1:10/v1" });
  expect(await engineFor(await rowOf(backend.id))).not.toBe(first);
});

test("concurrent first requests share one engine", async () => {
  // A llama.cpp engine loads its model lazily, so a file that is not a real model does not matter here.
  await mkdir(env.modelsDir, { recursive: true });
  await writeFile(path.join(env.modelsDir, "tiny.gguf"), "GGUF");
  const created = await createBackend(master, {
    name: "local",
    kind: "llama_cpp",
    model_path: "tiny.gguf",
    models: ["tiny"],
  });
  const row = await rowOf(created.id);
  const engines = await Promise.all([engineFor(row), engineFor({ ...row }), engineFor({ ...row })]);
  expect(new Set(engines).size).toBe(1);
  await engines[0]?.close?.();
});
