// Which engine serves a model: an enabled backend that lists it, the retrieval-only engine when no
// backend is enabled at all, NO_BACKEND otherwise; and one engine per backend version, shared.
import { describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { master } from "../../test/actors";
import { rejectionOf } from "../../test/rejection";
import { createBackend } from "../backends/create-backend";
import { updateBackend } from "../backends/update-backend";
import { engineFor } from "./engine-cache";
import { resolveEngine } from "./resolve-engine";

const remote = (name: string, models: string[]) =>
  createBackend(master, { name, kind: "openai_compatible", base_url: "http://127.0.0.1:9/v1", models });

describe("resolveEngine", () => {
  test("no enabled backend at all: the retrieval-only engine", async () => {
    expect(await resolveEngine("gpt-oss-20b")).toMatchObject({
      engine: { kind: "retrieval_only" },
      backend: null,
    });
    const disabled = await remote("off", ["gpt-oss-20b"]);
    await updateBackend(master, disabled.id, { enabled: false });
    expect((await resolveEngine("gpt-oss-20b")).engine.kind).toBe("retrieval_only");
  });

  test("the enabled backend that lists the model", async () => {
    await remote("small", ["gpt-oss-20b"]);
    const big = await remote("big", ["gpt-oss-120b", "qwen3"]);
    const resolved = await resolveEngine("qwen3");
    expect(resolved.engine.kind).toBe("openai_compatible");
    expect(resolved.backend).toEqual({ id: big.id, name: "big" });
  });

  test("backends exist but none serves the model: NO_BACKEND", async () => {
    await remote("small", ["gpt-oss-20b"]);
    const error = await rejectionOf<AppError>(resolveEngine("llama-3-8b"));
    expect(error.code).toBe("NO_BACKEND");
    expect(error.message).toContain("llama-3-8b");
  });
});

describe("engineFor", () => {
  test("one engine per backend version, reused; a changed backend gets a new one", async () => {
    const backend = await remote("small", ["gpt-oss-20b"]);
    const first = (await resolveEngine("gpt-oss-20b")).engine;
    expect((await resolveEngine("gpt-oss-20b")).engine).toBe(first);

    await updateBackend(master, backend.id, { max_concurrency: 2 });
    expect((await resolveEngine("gpt-oss-20b")).engine).not.toBe(first);
  });

  test("concurrent first requests share one engine", async () => {
    // A llama.cpp engine loads its model lazily, so a missing file does not matter here.
    const created = await createBackend(master, {
      name: "local",
      kind: "llama_cpp",
      model_path: "/nonexistent/tiny.gguf",
      models: ["tiny"],
    });
    const row = await getDb().backend.findUniqueOrThrow({ where: { id: created.id } });
    const engines = await Promise.all([engineFor(row), engineFor({ ...row }), engineFor({ ...row })]);
    expect(new Set(engines).size).toBe(1);
    await engines[0]?.close?.();
  });
});
