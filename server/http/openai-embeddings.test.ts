// POST /v1/embeddings through Hearth's own embedder (the built-in lexical one here), driven by the
// clients a RAG application uses: the official `openai` SDK (float and base64), the AI SDK's
// embedMany and LangChain's OpenAIEmbeddings. The vectors are the ones Hearth's knowledge search
// computes for the same texts. Then what it refuses.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { OpenAIEmbeddings } from "@langchain/openai";
import { embedMany } from "ai";
import OpenAI from "openai";
import { beforeEach, describe, expect, test } from "vitest";
import { createEmbedder } from "@/server/services/knowledge/embedding/create-embedder";
import { HASH_EMBEDDER_MODEL } from "@/server/services/knowledge/embedding/hash-embedder";
import { getEmbedder } from "@/server/services/knowledge/knowledge-adapters";
import { getDb } from "@/server/db/client";
import { NO_QUOTAS } from "@/server/schemas/quotas";
import { updateApiKey } from "@/server/services/api-keys/update-api-key";
import { createKeyActor, master } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { OPENAI_BASE_URL, routeFetch } from "@/server/test/openai-route-fetch";
import { rejectionOf } from "@/server/test/rejection";

const TEXTS = ["The office opens at nine.", "Holidays: 25 days a year."];
let key: string;

beforeEach(async () => {
  await createChatAssistant("support");
  key = (await createKeyActor("runtime", ["support"])).secret;
});

const openai = (apiKey = key) =>
  new OpenAI({ baseURL: OPENAI_BASE_URL, apiKey, fetch: routeFetch, maxRetries: 0 });

/** What Hearth's knowledge computes for the same texts. */
async function expected(texts: string[]): Promise<number[][]> {
  return (await getEmbedder().embed(texts, "document")).map((vector) => Array.from(vector));
}

const closeTo = (vectors: number[][]) =>
  vectors.map((vector) => vector.map((value) => expect.closeTo(value, 6) as unknown));

describe("the clients", () => {
  test("openai SDK: float vectors of unit length, in order, with usage", async () => {
    const result = await openai().embeddings.create({
      model: HASH_EMBEDDER_MODEL,
      input: TEXTS,
      encoding_format: "float",
    });
    expect(result.model).toBe(HASH_EMBEDDER_MODEL);
    expect(result.data.map((entry) => entry.index)).toEqual([0, 1]);
    expect(result.data.map((entry) => entry.embedding)).toEqual(closeTo(await expected(TEXTS)));
    for (const { embedding } of result.data) {
      expect(Math.hypot(...embedding)).toBeCloseTo(1, 5);
    }
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(result.usage.total_tokens).toBe(result.usage.prompt_tokens);
  });

  test("openai SDK's default base64 encoding decodes to the same vectors", async () => {
    // The SDK asks for base64 when no encoding is given, and decodes it itself.
    const result = await openai().embeddings.create({ model: HASH_EMBEDDER_MODEL, input: TEXTS[0]! });
    expect(result.data).toHaveLength(1);
    expect(result.data[0]!.embedding).toEqual(closeTo(await expected([TEXTS[0]!]))[0]);
  });

  test("the AI SDK's embedMany", async () => {
    const provider = createOpenAICompatible({
      name: "hearth",
      baseURL: OPENAI_BASE_URL,
      apiKey: key,
      fetch: routeFetch,
    });
    const { embeddings } = await embedMany({
      model: provider.textEmbeddingModel(HASH_EMBEDDER_MODEL),
      values: TEXTS,
    });
    expect(embeddings).toEqual(closeTo(await expected(TEXTS)));
  });

  test("LangChain's OpenAIEmbeddings: documents and a query", async () => {
    const embeddings = new OpenAIEmbeddings({
      model: HASH_EMBEDDER_MODEL,
      apiKey: key,
      maxRetries: 0,
      configuration: { baseURL: OPENAI_BASE_URL, fetch: routeFetch },
    });
    expect(await embeddings.embedDocuments(TEXTS)).toEqual(closeTo(await expected(TEXTS)));
    expect(await embeddings.embedQuery(TEXTS[1]!)).toEqual(closeTo(await expected([TEXTS[1]!]))[0]);
  });
});

describe("what it refuses", () => {
  const post = async (body: Record<string, unknown>, apiKey = key) => {
    const response = await routeFetch(`${OPENAI_BASE_URL}/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: HASH_EMBEDDER_MODEL, input: "Hi", ...body }),
    });
    return { status: response.status, text: await response.text() };
  };

  test("another model, a dimension it does not have, token arrays, empty or unknown fields", async () => {
    const other = await post({ model: "text-embedding-3-small" });
    expect(other.status).toBe(404);
    expect(other.text).toContain(`The embedding model is '${HASH_EMBEDDER_MODEL}'`);
    const dimension = (await getEmbedder().embed(["x"], "document"))[0]!.length;
    const shortened = await post({ dimensions: dimension - 1 });
    expect(shortened.status).toBe(400);
    expect(shortened.text).toContain(`embeds in ${dimension} dimensions`);
    expect((await post({ dimensions: dimension })).status).toBe(200);
    expect((await post({ input: [[1, 2, 3]] })).status).toBe(400);
    expect((await post({ input: "" })).status).toBe(400);
    expect((await post({ input: [] })).status).toBe(400);
    const unknown = await post({ truncate: "END" });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("truncate");
  });

  test("a bad key is a 401; an admin key may embed too", async () => {
    expect(
      await rejectionOf(
        openai("hth_not_a_key_0123456789abcdefghij").embeddings.create({
          model: HASH_EMBEDDER_MODEL,
          input: "Hi",
        }),
      ),
    ).toBeInstanceOf(OpenAI.AuthenticationError);
    const admin = (await createKeyActor("admin")).secret;
    expect((await post({}, admin)).status).toBe(200);
  });

  test("input_type asks for the query form (the same vectors for a symmetric model)", async () => {
    const [asQuery] = await createEmbedder({ provider: "hash" }).embed([TEXTS[0]!], "query");
    const result = await post({ input: TEXTS[0], input_type: "query", encoding_format: "float" });
    expect(result.status).toBe(200);
    const body = JSON.parse(result.text) as { data: { embedding: number[] }[] };
    expect(body.data[0]!.embedding).toEqual(closeTo([Array.from(asQuery!)])[0]);
  });
});

describe("usage and quotas", () => {
  test("each call is the key's usage, on the openai channel under no assistant", async () => {
    const { secret, actor } = await createKeyActor("runtime", ["support"]);
    const first = await openai(secret).embeddings.create({ model: HASH_EMBEDDER_MODEL, input: TEXTS });
    await openai(secret).embeddings.create({ model: HASH_EMBEDDER_MODEL, input: "One more." });
    const rows = await getDb().usageRollup.findMany({ where: { apiKeyId: actor.keyId, period: "day" } });
    expect(rows).toEqual([
      expect.objectContaining({
        assistantId: "",
        channel: "openai",
        model: HASH_EMBEDDER_MODEL,
        outcome: "completed",
        requests: 2,
        completionTokens: 0n,
      }),
    ]);
    expect(Number(rows[0]!.promptTokens)).toBeGreaterThan(first.usage.prompt_tokens);
  });

  test("a key over its token quota is refused before embedding, with when to retry", async () => {
    const { secret, actor } = await createKeyActor("runtime", ["support"]);
    await updateApiKey(master, actor.keyId, { quotas: { ...NO_QUOTAS, tokens_per_day: 3 } });
    await openai(secret).embeddings.create({ model: HASH_EMBEDDER_MODEL, input: TEXTS });
    const refused = await rejectionOf(
      openai(secret).embeddings.create({ model: HASH_EMBEDDER_MODEL, input: "Again" }),
    );
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect((refused as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toMatch(
      /^\d+$/,
    );
  });
});
