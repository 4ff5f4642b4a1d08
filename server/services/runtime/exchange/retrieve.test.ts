// The retrieve step alone, with the knowledge search replaced: passages become citations (quotes
// bounded), a refusal gives the ticket back and answers without a model, a failed search is a 503
// that names nothing of its cause.
import { afterEach, describe, expect, test, vi } from "vitest";
import type { AppError } from "../../../errors";
import { logger } from "../../../logger";
import { testLease, testState, testTicket } from "../../../test/exchange";
import { rejectionOf } from "../../../test/rejection";
import type { GenerateEvent } from "../../gateway/engines/engine";
import { decideRag } from "../../knowledge/retrieval/decide-rag";
import type { Passage } from "../../knowledge/retrieval/search-passages";
import { retrieve, toCitations } from "./retrieve";

vi.mock("../../knowledge/retrieval/decide-rag", () => ({ decideRag: vi.fn() }));

afterEach(() => {
  vi.mocked(decideRag).mockReset();
  vi.restoreAllMocks();
});

const passage = (text: string): Passage => ({
  storeId: "vs_1",
  fileId: "file_1",
  filename: "guide.md",
  chunkIndex: 3,
  score: 0.82,
  text,
  heading: "Setup",
  page: null,
  attributes: { team: "ops" },
});

test("toCitations: a citation per passage, its quote bounded to 4,000 characters", () => {
  const long = "x".repeat(5_000);
  expect(toCitations([passage("Hearth runs on your GPUs."), passage(long)])).toEqual([
    {
      file_id: "file_1",
      filename: "guide.md",
      chunk_index: 3,
      score: 0.82,
      heading: "Setup",
      page: null,
      quote: "Hearth runs on your GPUs.",
    },
    expect.objectContaining({ quote: long.slice(0, 4_000) }),
  ]);
});

describe("retrieve", () => {
  test("injected: the decision, the passages and their citations are in the state; the ticket stays", async () => {
    const state = testState();
    const ticket = testTicket(testLease());
    state.ticket = ticket;
    const rag = { decision: "injected", top_score: 0.82, threshold: 0.3, passages: 1 } as const;
    vi.mocked(decideRag).mockResolvedValueOnce({ rag, passages: [passage("Hearth")] });

    await retrieve(state);

    expect(state.rag).toEqual(rag);
    expect(state.passages).toHaveLength(1);
    expect(state.citations).toMatchObject([{ file_id: "file_1", quote: "Hearth" }]);
    expect(state.ticket).toBe(ticket);
    expect(ticket.cancelled).toBe(0);
  });

  test("refused: the ticket is given back and the answer is the refusal message, with no model", async () => {
    const state = testState();
    const ticket = testTicket(testLease());
    state.ticket = ticket;
    const rag = { decision: "refused", top_score: 0.1, threshold: 0.3, passages: 0 } as const;
    vi.mocked(decideRag).mockResolvedValueOnce({ rag, passages: [] });

    await retrieve(state);

    expect(ticket.cancelled).toBe(1);
    expect(state.ticket).toBeNull();
    const events: GenerateEvent[] = [];
    for await (const event of state.engine.generate({
      model: "m",
      messages: [],
      signal: state.generation.signal,
    }))
      events.push(event);
    expect(events[0]).toEqual({ type: "output_text.delta", text: "I can only answer from my documents." });
  });

  test("a search that fails is UNAVAILABLE, its cause only in the log", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    vi.mocked(decideRag).mockRejectedValueOnce(new Error("lancedb: table /data/vs_1 is corrupt"));

    const error = await rejectionOf<AppError>(retrieve(testState()));

    expect(error).toMatchObject({ code: "UNAVAILABLE" });
    expect(error.message).not.toContain("lancedb");
    expect(logged).toHaveBeenCalledOnce();
  });
});
