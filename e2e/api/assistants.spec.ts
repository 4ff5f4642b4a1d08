// The assistants admin API: create (explicit and generated ids), list, get, partial update,
// enable/disable and delete, each with its documented error cases.
import { bearer, expect, expectApiError, raw, test } from "../fixtures";

interface Assistant {
  id: string;
  object: "assistant";
  name: string;
  description: string;
  instructions: string;
  model: string;
  generation: {
    temperature: number | null;
    top_p: number | null;
    max_output_tokens: number | null;
    reasoning_effort: string;
  };
  rag: {
    top_k: number;
    score_threshold: number;
    mode: string;
    chunking: { max_chunk_size_tokens: number; chunk_overlap_tokens: number };
  };
  sla: { avg_ms: number; p95_ms: number | null; ttft_ms: number | null };
  metadata: Record<string, string>;
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

interface AssistantList {
  object: "list";
  data: Assistant[];
  total: number;
  next_cursor: string | null;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

test.describe("POST /admin/assistants", () => {
  test("creates an assistant with defaults and answers 201", async ({ api, uniqueId }) => {
    const id = uniqueId("create");
    const response = await api.post("/admin/assistants", { data: { id } });
    expect(response.status()).toBe(201);
    expect(response.headers()["x-request-id"]).toBeTruthy();
    const body = (await response.json()) as Assistant;
    expect(body).toMatchObject({
      id,
      object: "assistant",
      name: id,
      description: "",
      instructions: "",
      enabled: true,
      metadata: {},
      generation: { temperature: null, top_p: null, max_output_tokens: null, reasoning_effort: "medium" },
      rag: { chunking: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
    });
    expect(body.model.length).toBeGreaterThan(0);
    expect(body.created_at).toMatch(ISO);
    expect(body.updated_at).toMatch(ISO);
  });

  test("keeps every field given", async ({ api, uniqueId }) => {
    const input = {
      id: uniqueId("full"),
      name: "Support bot",
      description: "Answers questions about the product",
      instructions: "Be brief.",
      model: "gpt-oss-120b",
      generation: { temperature: 0.2, top_p: 0.9, max_output_tokens: 1024, reasoning_effort: "high" },
      rag: {
        top_k: 8,
        score_threshold: 0.5,
        mode: "knowledge_only",
        chunking: { max_chunk_size_tokens: 600, chunk_overlap_tokens: 300 },
      },
      sla: { avg_ms: 2000, p95_ms: 5000, ttft_ms: 800 },
      metadata: { team: "support" },
      enabled: false,
    };
    const response = await api.post("/admin/assistants", { data: input });
    expect(response.status(), await response.text()).toBe(201);
    expect(await response.json()).toMatchObject(input);
  });

  test("a smaller chunk size alone brings the default overlap down to half of it", async ({
    api,
    uniqueId,
  }) => {
    const response = await api.post("/admin/assistants", {
      data: { id: uniqueId("chunk"), rag: { chunking: { max_chunk_size_tokens: 300 } } },
    });
    expect(response.status(), await response.text()).toBe(201);
    const body = (await response.json()) as Assistant;
    expect(body.rag.chunking).toEqual({ max_chunk_size_tokens: 300, chunk_overlap_tokens: 150 });
  });

  test("409 CONFLICT for a duplicate id", async ({ api, uniqueId }) => {
    const id = uniqueId("dup");
    expect((await api.post("/admin/assistants", { data: { id } })).status()).toBe(201);
    const body = await expectApiError(
      await api.post("/admin/assistants", { data: { id, name: "second" } }),
      409,
      "CONFLICT",
    );
    expect(body.error.message).toContain(id);
  });

  for (const [label, id] of [
    ["uppercase", "Bad-Id"],
    ["spaces", "has space"],
    ["leading dash", "-dash"],
    ["trailing underscore", "under_"],
    ["too long", "a".repeat(65)],
    ["empty", ""],
    ["the reserved word auto", "auto"],
    ["not a string", 42],
  ] as const) {
    test(`400 INVALID_INPUT for an invalid id (${label})`, async ({ api }) => {
      const body = await expectApiError(
        await api.post("/admin/assistants", { data: { id } }),
        400,
        "INVALID_INPUT",
      );
      expect(JSON.stringify(body.error.details)).toContain("body.id");
    });
  }

  test("400 INVALID_INPUT when the id is missing", async ({ api }) => {
    await expectApiError(await api.post("/admin/assistants", { data: { name: "x" } }), 400, "INVALID_INPUT");
  });

  test("400 INVALID_INPUT for an unknown field, top level or nested", async ({ api, uniqueId }) => {
    const top = await expectApiError(
      await api.post("/admin/assistants", { data: { id: uniqueId(), colour: "blue" } }),
      400,
      "INVALID_INPUT",
    );
    expect(top.error.message).toContain("colour");
    await expectApiError(
      await api.post("/admin/assistants", {
        data: { id: uniqueId(), generation: { temprature: 1 } },
      }),
      400,
      "INVALID_INPUT",
    );
  });

  test("400 INVALID_INPUT for out-of-range settings", async ({ api, uniqueId }) => {
    for (const data of [
      { generation: { temperature: 3 } },
      { generation: { top_p: 0 } },
      { generation: { reasoning_effort: "extreme" } },
      { rag: { top_k: 0 } },
      { rag: { mode: "sometimes" } },
      { rag: { chunking: { max_chunk_size_tokens: 99 } } },
      { sla: { avg_ms: 0 } },
      { name: "   " },
      { metadata: { k: "v".repeat(513) } },
      { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) },
    ]) {
      await expectApiError(
        await api.post("/admin/assistants", { data: { id: uniqueId(), ...data } }),
        400,
        "INVALID_INPUT",
      );
    }
  });

  test("400 INVALID_INPUT for malformed JSON", async ({ api }) => {
    const body = await expectApiError(
      await api.post("/admin/assistants", {
        headers: { "content-type": "application/json" },
        data: raw('{"id": "broken",'),
      }),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.message).toMatch(/malformed json/i);
  });

  test("400 INVALID_INPUT for a JSON body that is not an object", async ({ api }) => {
    for (const data of ["[]", '"text"', "42", "null"]) {
      await expectApiError(
        await api.post("/admin/assistants", {
          headers: { "content-type": "application/json" },
          data: raw(data),
        }),
        400,
        "INVALID_INPUT",
      );
    }
  });

  test("400 INVALID_INPUT when the chunk overlap exceeds half the chunk size", async ({ api, uniqueId }) => {
    const id = uniqueId("overlap");
    const body = await expectApiError(
      await api.post("/admin/assistants", {
        data: { id, rag: { chunking: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 201 } } },
      }),
      400,
      "INVALID_INPUT",
    );
    expect(JSON.stringify(body.error.details)).toContain("rag.chunking.chunk_overlap_tokens");
    // Exactly half is allowed.
    const ok = await api.post("/admin/assistants", {
      data: { id, rag: { chunking: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 200 } } },
    });
    expect(ok.status(), await ok.text()).toBe(201);
  });

  test("415 UNSUPPORTED_MEDIA_TYPE for a body that is not declared as JSON", async ({ api, uniqueId }) => {
    const data = JSON.stringify({ id: uniqueId() });
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "text/json"]) {
      await expectApiError(
        await api.post("/admin/assistants", { headers: { "content-type": contentType }, data: raw(data) }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      );
    }
    // A JSON content type with parameters, or a +json type, is fine.
    for (const contentType of ["application/json; charset=utf-8", "application/merge-patch+json"]) {
      const ok = await api.post("/admin/assistants", {
        headers: { "content-type": contentType },
        data: raw(JSON.stringify({ id: uniqueId() })),
      });
      expect(ok.status(), await ok.text()).toBe(201);
    }
  });

  test("413 PAYLOAD_TOO_LARGE for a body over 1 MiB (declared length)", async ({ api, uniqueId }) => {
    const data = JSON.stringify({ id: uniqueId(), instructions: "x".repeat(1_048_577) });
    await expectApiError(
      await api.post("/admin/assistants", {
        headers: { "content-type": "application/json" },
        data: raw(data),
      }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
  });

  test("413 PAYLOAD_TOO_LARGE for an oversize chunked body (no declared length)", async ({
    baseURL,
    adminKey,
    uniqueId,
  }) => {
    const payload = new TextEncoder().encode(
      JSON.stringify({ id: uniqueId(), instructions: "y".repeat(1_100_000) }),
    );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < payload.length; offset += 64 * 1024) {
          controller.enqueue(payload.subarray(offset, offset + 64 * 1024));
        }
        controller.close();
      },
    });
    const response = await fetch(`${baseURL}/admin/assistants`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(response.status).toBe(413);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const json = (await response.json()) as { error: { code: string } };
    expect(json.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("instructions at their 100,000-character limit are accepted", async ({ api, uniqueId }) => {
    const response = await api.post("/admin/assistants", {
      data: { id: uniqueId("big"), instructions: "z".repeat(100_000) },
    });
    expect(response.status(), await response.text()).toBe(201);
  });
});

test.describe("POST /admin/assistants/auto", () => {
  test("derives the id from the name, with a suffix only when it is taken", async ({ api, uniqueId }) => {
    const name = `Support Bot ${uniqueId("sb")}`;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const first = await api.post("/admin/assistants/auto", { data: { name } });
    expect(first.status(), await first.text()).toBe(201);
    const body = (await first.json()) as Assistant;
    expect(body).toMatchObject({ id: slug, name });
    const second = await api.post("/admin/assistants/auto", { data: { name } });
    expect(((await second.json()) as Assistant).id).toBe(`${slug}-2`);
  });

  test("strips accents and punctuation from the name", async ({ api, uniqueId }) => {
    const response = await api.post("/admin/assistants/auto", {
      data: { name: `  Café — Ünïcode!! ${uniqueId("x")}` },
    });
    expect(response.status(), await response.text()).toBe(201);
    expect(((await response.json()) as Assistant).id).toMatch(/^cafe-unicode-x-/);
  });

  test("accepts an empty body (no body at all, or {})", async ({ api }) => {
    for (const options of [{}, { data: {} }]) {
      const response = await api.post("/admin/assistants/auto", options);
      expect(response.status(), await response.text()).toBe(201);
      const body = (await response.json()) as Assistant;
      expect(body.id).toMatch(/^untitled-assistant(-[a-z0-9]+)?$/);
      expect(body.name).toBe("Untitled assistant");
    }
  });

  test("two calls with the same name give different ids", async ({ api }) => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await api.post("/admin/assistants/auto", { data: { name: "Twin" } });
      expect(response.status()).toBe(201);
      ids.add(((await response.json()) as Assistant).id);
    }
    expect(ids.size).toBe(3);
  });

  test("400 for an explicit id or an unknown field; 415 for a non-JSON body", async ({ api }) => {
    await expectApiError(
      await api.post("/admin/assistants/auto", { data: { id: "chosen" } }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post("/admin/assistants/auto", { data: { nme: "typo" } }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post("/admin/assistants/auto", {
        headers: { "content-type": "text/plain" },
        data: raw("hi"),
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });
});

test.describe("GET /admin/assistants", () => {
  test("paginates newest first with limit and cursor, filters by enabled, searches with q", async ({
    api,
    uniqueId,
  }) => {
    // A tag only this test's assistants carry, so parallel tests do not disturb the counts.
    const tag = uniqueId("pg");
    const ids: string[] = [];
    for (const [index, where] of ["name", "description", "id"].entries()) {
      const id = where === "id" ? `${tag}-c` : uniqueId("other");
      const data = {
        id,
        name: where === "name" ? `Bot ${tag.toUpperCase()}` : `Bot ${index}`,
        description: where === "description" ? `Mentions ${tag} here` : "",
      };
      const response = await api.post("/admin/assistants", { data });
      expect(response.status(), await response.text()).toBe(201);
      ids.push(id);
    }
    const newestFirst = [...ids].reverse();

    const all = (await (await api.get("/admin/assistants", { params: { q: tag } })).json()) as AssistantList;
    expect(all).toMatchObject({ object: "list", total: 3, next_cursor: null });
    expect(all.data.map((a) => a.id)).toEqual(newestFirst);

    const page1 = (await (
      await api.get("/admin/assistants", { params: { q: tag, limit: 2 } })
    ).json()) as AssistantList;
    expect(page1.total).toBe(3);
    expect(page1.data.map((a) => a.id)).toEqual(newestFirst.slice(0, 2));
    expect(page1.next_cursor).toBe(newestFirst[1]);

    const page2 = (await (
      await api.get("/admin/assistants", { params: { q: tag, limit: 2, cursor: page1.next_cursor! } })
    ).json()) as AssistantList;
    expect(page2.data.map((a) => a.id)).toEqual(newestFirst.slice(2));
    expect(page2.next_cursor).toBeNull();

    // Disable one; the enabled filter splits the set.
    expect((await api.post(`/admin/assistants/${ids[0]}/disable`)).status()).toBe(200);
    const disabled = (await (
      await api.get("/admin/assistants", { params: { q: tag, enabled: "false" } })
    ).json()) as AssistantList;
    expect(disabled.data.map((a) => a.id)).toEqual([ids[0]]);
    expect(disabled.total).toBe(1);
    const enabled = (await (
      await api.get("/admin/assistants", { params: { q: tag, enabled: "true" } })
    ).json()) as AssistantList;
    expect(enabled.data.map((a) => a.id).sort()).toEqual([ids[1], ids[2]].sort());
  });

  test("q is case-insensitive and literal (% and _ are not wildcards)", async ({ api, uniqueId }) => {
    const tag = uniqueId("lit");
    const id = `${tag}-x`;
    expect((await api.post("/admin/assistants", { data: { id, name: `50% of ${tag}` } })).status()).toBe(201);
    const search = async (q: string) =>
      ((await (await api.get("/admin/assistants", { params: { q } })).json()) as AssistantList).data.map(
        (a) => a.id,
      );
    expect(await search(tag.toUpperCase())).toEqual([id]);
    expect(await search(`50% of ${tag}`)).toEqual([id]);
    expect(await search(`5_% of ${tag}`)).toEqual([]);
    expect(await search(`${tag.slice(0, -2)}%`)).toEqual([]);
  });

  test("the default page size is 20 and limit is capped at 100", async ({ api }) => {
    const list = (await (await api.get("/admin/assistants")).json()) as AssistantList;
    expect(list.object).toBe("list");
    expect(list.data.length).toBeLessThanOrEqual(20);
    expect((await api.get("/admin/assistants", { params: { limit: 100 } })).status()).toBe(200);
  });

  for (const [label, params] of [
    ["limit 0", { limit: "0" }],
    ["limit 101", { limit: "101" }],
    ["limit not a number", { limit: "ten" }],
    ["limit fractional", { limit: "2.5" }],
    ["enabled not a boolean", { enabled: "yes" }],
    ["an unknown parameter", { sort: "name" }],
    ["a cursor that matches nothing", { cursor: "no-such-assistant" }],
  ] as const) {
    test(`400 INVALID_INPUT for ${label}`, async ({ api }) => {
      await expectApiError(await api.get("/admin/assistants", { params }), 400, "INVALID_INPUT");
    });
  }
});

test.describe("GET /admin/assistants/{id}", () => {
  test("returns the assistant", async ({ api, uniqueId }) => {
    const id = uniqueId("get");
    const created = (await (
      await api.post("/admin/assistants", { data: { id, name: "Getter" } })
    ).json()) as Assistant;
    const response = await api.get(`/admin/assistants/${id}`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual(created);
  });

  test("404 NOT_FOUND for an unknown id", async ({ api, uniqueId }) => {
    const id = uniqueId("missing");
    const body = await expectApiError(await api.get(`/admin/assistants/${id}`), 404, "NOT_FOUND");
    expect(body.error.message).toContain(id);
  });

  test("400 INVALID_INPUT for an id that cannot exist", async ({ api }) => {
    await expectApiError(await api.get("/admin/assistants/Not%20Valid"), 400, "INVALID_INPUT");
  });
});

test.describe("POST /admin/assistants/{id} (partial update)", () => {
  test("changes only the fields given and merges nested objects field by field", async ({
    api,
    uniqueId,
  }) => {
    const id = uniqueId("upd");
    const created = (await (
      await api.post("/admin/assistants", {
        data: {
          id,
          name: "Before",
          instructions: "Keep me",
          generation: { temperature: 0.5, reasoning_effort: "high" },
          rag: { top_k: 7, chunking: { max_chunk_size_tokens: 1000, chunk_overlap_tokens: 100 } },
          sla: { avg_ms: 1000, p95_ms: 2000 },
          metadata: { a: "1" },
        },
      })
    ).json()) as Assistant;

    const response = await api.post(`/admin/assistants/${id}`, {
      data: {
        name: "After",
        generation: { top_p: 0.9 },
        rag: { score_threshold: 0.6, chunking: { chunk_overlap_tokens: 200 } },
        sla: { ttft_ms: 300 },
      },
    });
    expect(response.status(), await response.text()).toBe(200);
    const updated = (await response.json()) as Assistant;
    expect(updated).toMatchObject({
      id,
      name: "After",
      instructions: "Keep me",
      generation: { temperature: 0.5, top_p: 0.9, max_output_tokens: null, reasoning_effort: "high" },
      rag: {
        top_k: 7,
        score_threshold: 0.6,
        chunking: { max_chunk_size_tokens: 1000, chunk_overlap_tokens: 200 },
      },
      sla: { avg_ms: 1000, p95_ms: 2000, ttft_ms: 300 },
      metadata: { a: "1" },
      created_at: created.created_at,
    });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
    expect(await (await api.get(`/admin/assistants/${id}`)).json()).toEqual(updated);
  });

  test("null clears a nullable setting; an empty body changes nothing", async ({ api, uniqueId }) => {
    const id = uniqueId("null");
    await api.post("/admin/assistants", { data: { id, generation: { temperature: 1.2 } } });
    const cleared = (await (
      await api.post(`/admin/assistants/${id}`, { data: { generation: { temperature: null } } })
    ).json()) as Assistant;
    expect(cleared.generation.temperature).toBeNull();
    const same = await api.post(`/admin/assistants/${id}`, { data: {} });
    expect(same.status()).toBe(200);
    expect(((await same.json()) as Assistant).generation.temperature).toBeNull();
  });

  test("400 when the merged chunking would overlap more than half", async ({ api, uniqueId }) => {
    const id = uniqueId("merge-chunk");
    await api.post("/admin/assistants", { data: { id } }); // 800 / 400
    await expectApiError(
      await api.post(`/admin/assistants/${id}`, {
        data: { rag: { chunking: { max_chunk_size_tokens: 600 } } },
      }),
      400,
      "INVALID_INPUT",
    );
    const unchanged = (await (await api.get(`/admin/assistants/${id}`)).json()) as Assistant;
    expect(unchanged.rag.chunking).toEqual({ max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 });
  });

  test("400 for an unknown field, an id change or malformed JSON; 415 for a non-JSON body", async ({
    api,
    uniqueId,
  }) => {
    const id = uniqueId("upd-err");
    await api.post("/admin/assistants", { data: { id } });
    await expectApiError(
      await api.post(`/admin/assistants/${id}`, { data: { nam: "x" } }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post(`/admin/assistants/${id}`, { data: { id: "other" } }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post(`/admin/assistants/${id}`, {
        headers: { "content-type": "application/json" },
        data: raw("{"),
      }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await api.post(`/admin/assistants/${id}`, {
        headers: { "content-type": "text/plain" },
        data: raw("{}"),
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  test("404 NOT_FOUND for an unknown id", async ({ api, uniqueId }) => {
    await expectApiError(
      await api.post(`/admin/assistants/${uniqueId("nope")}`, { data: { name: "x" } }),
      404,
      "NOT_FOUND",
    );
  });
});

test.describe("POST /admin/assistants/{id}/enable and /disable", () => {
  test("round trip, idempotent", async ({ api, uniqueId }) => {
    const id = uniqueId("toggle");
    await api.post("/admin/assistants", { data: { id } });
    for (const [action, enabled] of [
      ["disable", false],
      ["disable", false],
      ["enable", true],
      ["enable", true],
    ] as const) {
      const response = await api.post(`/admin/assistants/${id}/${action}`);
      expect(response.status()).toBe(200);
      expect(((await response.json()) as Assistant).enabled).toBe(enabled);
      expect(((await (await api.get(`/admin/assistants/${id}`)).json()) as Assistant).enabled).toBe(enabled);
    }
  });

  test("a disabled assistant refuses runtime traffic with 409 ASSISTANT_DISABLED", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = uniqueId("gate");
    await api.post("/admin/assistants", { data: { id } });
    const headers = bearer(runtimeKey.key);
    const startSession = () => request.post(`/assistants/${id}/sessions`, { headers, data: {} });
    expect((await startSession()).status()).toBe(201);

    expect((await api.post(`/admin/assistants/${id}/disable`)).status()).toBe(200);
    await expectApiError(await startSession(), 409, "ASSISTANT_DISABLED");
    await expectApiError(
      await request.post(`/assistants/${id}/ask`, { headers, data: { message: "Hello?" } }),
      409,
      "ASSISTANT_DISABLED",
    );
    await expectApiError(
      await request.post(`/assistants/${id}/stream`, { headers, data: { message: "Hello?" } }),
      409,
      "ASSISTANT_DISABLED",
    );

    expect((await api.post(`/admin/assistants/${id}/enable`)).status()).toBe(200);
    expect((await startSession()).status()).toBe(201);
  });

  test("a disabled assistant keeps its settings", async ({ api, uniqueId }) => {
    const id = uniqueId("keep");
    const created = (await (
      await api.post("/admin/assistants", { data: { id, instructions: "Stay", metadata: { x: "y" } } })
    ).json()) as Assistant;
    const disabled = (await (await api.post(`/admin/assistants/${id}/disable`)).json()) as Assistant;
    expect({ ...disabled, enabled: true, updated_at: created.updated_at }).toEqual(created);
  });

  test("404 NOT_FOUND for an unknown id", async ({ api, uniqueId }) => {
    const id = uniqueId("ghost");
    await expectApiError(await api.post(`/admin/assistants/${id}/enable`), 404, "NOT_FOUND");
    await expectApiError(await api.post(`/admin/assistants/${id}/disable`), 404, "NOT_FOUND");
  });
});

test.describe("DELETE /admin/assistants/{id}", () => {
  test("200 with a deletion object, then 404 everywhere", async ({ api, uniqueId }) => {
    const id = uniqueId("del");
    await api.post("/admin/assistants", { data: { id } });
    const response = await api.delete(`/admin/assistants/${id}`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ id, object: "assistant.deleted", deleted: true });
    await expectApiError(await api.get(`/admin/assistants/${id}`), 404, "NOT_FOUND");
    await expectApiError(await api.delete(`/admin/assistants/${id}`), 404, "NOT_FOUND");
    await expectApiError(await api.post(`/admin/assistants/${id}/enable`), 404, "NOT_FOUND");
    // The id is free again.
    expect((await api.post("/admin/assistants", { data: { id } })).status()).toBe(201);
  });

  test("404 NOT_FOUND for an unknown id", async ({ api, uniqueId }) => {
    await expectApiError(await api.delete(`/admin/assistants/${uniqueId("never")}`), 404, "NOT_FOUND");
  });
});
