// Asking again, against the running server: `overrides` (one answer's temperature, reasoning effort
// and max output tokens, never saved) and `replace_from` (regenerate an answer, or edit a question
// and resend: the question and everything after it are replaced). Both are documented in
// /openapi.json; refusals are the REST error contract and leave the session as it was.
import type { APIRequestContext } from "@playwright/test";
import { bearer, expect, expectApiError, test } from "../fixtures";
import {
  createAssistant,
  sessionDetail,
  type AskResponse,
  type StreamEventData,
} from "../support/runtime-api";
import { openSlowStream } from "../support/slow-stream";
import { readSse } from "../support/sse";

interface JsonSchema {
  properties?: Record<string, JsonSchema & { $ref?: string }>;
  required?: string[];
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

async function askOk(
  request: APIRequestContext,
  key: string,
  id: string,
  data: object,
): Promise<AskResponse> {
  const response = await request.post(`/assistants/${id}/ask`, { headers: bearer(key), data });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as AskResponse;
}

test("/openapi.json documents overrides, replace_from and question_id", async ({ request }) => {
  const doc = (await (await request.get("/openapi.json")).json()) as {
    components: { schemas: Record<string, JsonSchema> };
  };
  const { schemas } = doc.components;
  const askInput = schemas.AskInput!.properties!;
  expect(askInput.overrides?.$ref).toBe("#/components/schemas/RunOverrides");
  expect(askInput).toHaveProperty("replace_from");
  expect(schemas.AskInput!.required ?? []).not.toContain("replace_from");
  const overrides = schemas.RunOverrides!.properties!;
  expect(Object.keys(overrides).sort()).toEqual(["max_output_tokens", "reasoning_effort", "temperature"]);
  expect(overrides.temperature).toMatchObject({ minimum: 0, maximum: 2 });
  expect(overrides.reasoning_effort!.enum).toEqual(["low", "medium", "high"]);
  expect(overrides.max_output_tokens).toMatchObject({ minimum: 1, maximum: 131_072 });
  expect(schemas.AskResponse!.required).toContain("question_id");
});

test.describe("overrides", () => {
  test("apply to one answer only; the assistant keeps its settings", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("overrides"));
    // Low effort reasons for 16 tokens; a bound of 20 leaves 4 for the answer.
    const cut = await askOk(request, runtimeKey.key, id, {
      message: "Say a lot",
      overrides: { reasoning_effort: "low", max_output_tokens: 20, temperature: 0.3 },
    });
    expect(cut.finish_reason).toBe("length");
    expect(cut.usage.completion_tokens).toBe(20);
    const whole = await askOk(request, runtimeKey.key, id, {
      message: "Say a lot",
      session_id: cut.session_id,
    });
    expect(whole.finish_reason).toBe("stop");
    const assistant = (await (await api.get(`/admin/assistants/${id}`)).json()) as {
      generation: Record<string, unknown>;
    };
    expect(assistant.generation).toEqual({
      temperature: null,
      top_p: null,
      max_output_tokens: null,
      reasoning_effort: "medium",
    });
  });

  test("400 INVALID_INPUT out of range, unknown, or past the assistant's own cap", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("overrides-bad"), {
      generation: { max_output_tokens: 100 },
    });
    for (const [overrides, path] of [
      [{ temperature: 3 }, "body.overrides.temperature"],
      [{ reasoning_effort: "max" }, "body.overrides.reasoning_effort"],
      [{ max_output_tokens: 0 }, "body.overrides.max_output_tokens"],
      [{ top_p: 0.5 }, "body.overrides"],
      [{ max_output_tokens: 101 }, "overrides.max_output_tokens"],
    ] as const) {
      for (const operation of ["ask", "stream"]) {
        const response = await request.post(`/assistants/${id}/${operation}`, {
          headers: bearer(runtimeKey.key),
          data: { message: "Hi", overrides },
        });
        const body = await expectApiError(response, 400, "INVALID_INPUT");
        expect(body.error.message).toContain(path);
      }
    }
    const capped = await request.post(`/assistants/${id}/ask`, {
      headers: bearer(runtimeKey.key),
      data: { message: "Hi", overrides: { max_output_tokens: 101 } },
    });
    expect((await capped.json()) as object).toMatchObject({
      error: { message: "overrides.max_output_tokens is 101; this assistant allows at most 100" },
    });
    const sessions = (await (await api.get(`/assistants/${id}/sessions`)).json()) as { total: number };
    expect(sessions.total).toBe(0);
  });
});

test.describe("replace_from", () => {
  test("regenerate the last answer, then edit the first question: the session follows", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("replace"));
    const first = await askOk(request, runtimeKey.key, id, { message: "First question" });
    const second = await askOk(request, runtimeKey.key, id, {
      message: "Second question",
      session_id: first.session_id,
    });

    const regenerated = await askOk(request, runtimeKey.key, id, {
      message: "Second question",
      session_id: first.session_id,
      replace_from: second.question_id,
    });
    let detail = await sessionDetail(api, id, first.session_id);
    expect(detail.message_count).toBe(4);
    expect(detail.messages.map((message) => message.id)).toEqual([
      first.question_id,
      first.message_id,
      regenerated.question_id,
      regenerated.message_id,
    ]);

    const edited = await askOk(request, runtimeKey.key, id, {
      message: "First question, edited",
      session_id: first.session_id,
      replace_from: first.question_id,
    });
    expect(edited.answer).toContain("Simulated answer to: First question, edited");
    detail = await sessionDetail(api, id, first.session_id);
    expect(detail.message_count).toBe(2);
    expect(detail.messages.map((message) => [message.id, message.content.slice(0, 22)])).toEqual([
      [edited.question_id, "First question, edited"],
      [edited.message_id, "Simulated answer to: F"],
    ]);
  });

  test("refusals remove nothing: unknown id, another session's, an answer, another user's, no session", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("replace-bad"));
    const mine = await askOk(request, runtimeKey.key, id, { message: "Mine", user: "alice" });
    const theirs = await askOk(request, runtimeKey.key, id, { message: "Theirs", user: "bob" });
    const before = await sessionDetail(api, id, mine.session_id);
    const stream = (data: object) =>
      request.post(`/assistants/${id}/stream`, {
        headers: bearer(runtimeKey.key),
        data: { message: "Again", session_id: mine.session_id, ...data },
      });

    await expectApiError(await stream({ replace_from: "msg_000000000000000000000000" }), 404, "NOT_FOUND");
    await expectApiError(await stream({ replace_from: theirs.question_id }), 404, "NOT_FOUND");
    const answer = await expectApiError(
      await stream({ replace_from: mine.message_id }),
      400,
      "INVALID_INPUT",
    );
    expect(answer.error.message).toContain("must name a question");
    await expectApiError(await stream({ replace_from: mine.question_id, user: "bob" }), 403, "FORBIDDEN");
    const noSession = await request.post(`/assistants/${id}/stream`, {
      headers: bearer(runtimeKey.key),
      data: { message: "Again", replace_from: mine.question_id },
    });
    expect((await expectApiError(noSession, 400, "INVALID_INPUT")).error.message).toContain(
      "body.replace_from",
    );

    expect(await sessionDetail(api, id, mine.session_id)).toEqual(before);
    expect((await sessionDetail(api, id, theirs.session_id)).message_count).toBe(2);
  });

  test("409 CONFLICT while the answer being replaced is still streaming; once it ends, it can be", async ({
    api,
    baseURL,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const { slow, id, controller, response } = await openSlowStream(api, {
      baseURL: baseURL!,
      key: runtimeKey.key,
      name: uniqueId,
      label: "replace-busy",
    });
    try {
      expect(response.status).toBe(200);
      // Read on without leaving the loop (which would hang up, and cancel the answer).
      const items = readSse(response.body!);
      let created: StreamEventData | undefined;
      while (!created) {
        const next = await items.next();
        if (next.done) throw new Error("the stream ended before response.created");
        if (next.value.kind === "event") created = JSON.parse(next.value.data) as StreamEventData;
      }
      const again = { message: "Again", session_id: created.session_id, replace_from: created.question_id };
      const busy = await request.post(`/assistants/${id}/ask`, {
        headers: bearer(runtimeKey.key),
        data: again,
      });
      const body = await expectApiError(busy, 409, "CONFLICT");
      expect(body.error.message).toContain("is still being written");

      // Stopped (recorded cancelled), it can be asked again.
      controller.abort();
      await items.return(undefined);
      await expect
        .poll(async () => (await sessionDetail(api, id, created.session_id!)).messages[1]?.status)
        .toBe("cancelled");
      const replaced = await request.post(`/assistants/${id}/stream`, {
        headers: bearer(runtimeKey.key),
        data: again,
        timeout: 30_000,
      });
      expect(replaced.status(), await replaced.text()).toBe(200);
      const detail = await sessionDetail(api, id, created.session_id!);
      expect(
        detail.messages.map((message) => [message.role, message.content.slice(0, 5), message.status]),
      ).toEqual([
        ["user", "Again", "completed"],
        ["assistant", "Simul", "completed"],
      ]);
    } finally {
      await slow.stop();
    }
  });
});
