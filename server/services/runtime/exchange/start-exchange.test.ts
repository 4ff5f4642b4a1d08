// Starting a streamed exchange: what goes wrong before the stream opens (here, a knowledge search
// that fails) is thrown as an ordinary error for a JSON response, the exchange is recorded as
// failed, and no model is asked. The search is made to fail by replacing the RAG decision.
import { beforeEach, expect, test, vi } from "vitest";
import { getDb } from "../../../db/client";
import type { AppError } from "../../../errors";
import { keyActor } from "../../../test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "../../../test/chat";
import { rejectionOf } from "../../../test/rejection";
import { prepareExchange } from "../../chat/prepare-exchange";
import { startExchange } from "./start-exchange";

vi.mock("../../knowledge/retrieval/decide-rag", () => ({
  decideRag: () => Promise.reject(new Error("lancedb: table is corrupt")),
}));

const simulator = simulatorForFile();
const runtime = keyActor("runtime", ["support"]);

beforeEach(async () => {
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support");
});

test("a knowledge search that fails is a 503 before the stream opens, recorded as failed", async () => {
  const requests = simulator().stats().requests;
  const prepared = await prepareExchange(runtime, "support", { message: "What is Hearth?" });

  const error = await rejectionOf<AppError>(startExchange(prepared, { includeReasoning: false }));

  expect(error).toMatchObject({ code: "UNAVAILABLE", status: 503 });
  expect(error.message).not.toContain("lancedb");
  const answer = await getDb().message.findUniqueOrThrow({ where: { id: prepared.answerMessageId } });
  expect(answer).toMatchObject({ status: "failed", errorCode: "UNAVAILABLE" });
  expect(simulator().stats().requests).toBe(requests);
});
