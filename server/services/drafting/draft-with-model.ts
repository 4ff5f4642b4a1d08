// Settings for an assistant drafted by a connected model from its documents' previews: one short
// request through the gateway (admitted like a question, so it waits its turn and honours the
// backends' limits), asking for a JSON object. Bounded: the documents' text is cut to a budget,
// the answer to a few hundred tokens, the whole call to a timeout. Any failure (no backend, a
// refusal, a timeout, an answer that is not the JSON asked for) returns null, and the caller
// drafts from the headings instead. The request's tokens and time go into usage under the caller,
// on a row of no assistant (there is none yet).
import { logger } from "../../logger";
import { modelDraftSchema, type DraftFile, type ModelDraft } from "../../schemas/assistant-draft";
import type { Actor } from "../access/actor";
import { admitRequest } from "../gateway/admit-request";
import { engineFor } from "../gateway/engine-cache";
import type { ChatTurn, Usage } from "../gateway/engines/engine";
import type { Lease } from "../gateway/gateway";
import { syncedBackends } from "../gateway/gateway-instance";
import { channelOf } from "../sessions/channel-of";
import { recordModelUsage } from "../usage/record-model-usage";

const TIMEOUT_MS = 30_000;
/** Characters of document text sent in all, shared among the files. */
const TEXT_BUDGET = 12_000;
const MAX_OUTPUT_TOKENS = 2_000;

const SYSTEM_PROMPT = [
  "You set up a question-answering assistant that answers from the documents the user shows you.",
  "Reply with one JSON object and nothing else, with these keys:",
  '"name": a short name for the assistant (2 to 5 words, from what the documents are about);',
  '"description": one sentence saying what the assistant answers questions about;',
  '"instructions": a system prompt of 3 to 6 sentences telling the assistant how to answer from these documents;',
  '"suggested_questions": an array of 3 short questions a user might ask that the documents answer.',
  "Write in the documents' language.",
].join("\n");

export function draftPrompt(files: readonly DraftFile[]): ChatTurn[] {
  const share = Math.floor(TEXT_BUDGET / Math.max(1, files.length));
  const documents = files.map((file, index) =>
    [
      `Document ${index + 1}: ${file.title} (${file.filename})`,
      file.headings.length ? `Headings: ${file.headings.slice(0, 20).join("; ")}` : null,
      `Text:\n${file.text.slice(0, share)}`,
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: documents.join("\n\n---\n\n") },
  ];
}

/** The JSON object in a model's answer (fenced or not), validated; null when there is none. */
export function parseModelDraft(answer: string): ModelDraft | null {
  const start = answer.indexOf("{");
  const end = answer.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  try {
    const parsed = modelDraftSchema.safeParse(JSON.parse(answer.slice(start, end + 1)));
    if (!parsed.success) return null;
    return { ...parsed.data, suggested_questions: parsed.data.suggested_questions.slice(0, 3) };
  } catch {
    return null;
  }
}

/** The default model first, then any other a backend serves: any model can draft. */
async function candidateModels(preferred: string): Promise<string[]> {
  const served = (await syncedBackends()).flatMap((backend) => backend.models);
  return [...new Set([preferred, ...served])];
}

/** What the draft request used so far, for the usage rollups. */
interface DraftCall {
  answer: string;
  reasoningChars: number;
  usage: Usage | null;
  startedAt: number;
  /** Whether the backend sent anything: only then is time spent on it counted. */
  answered: boolean;
}

/**
 * The draft request's usage, under the caller (its key, or the console) like an answer's, and
 * never a reason to fail the draft. Without the backend's figure, reasoning is its share of the
 * text generated, as for answers.
 */
async function recordDraftUsage(actor: Actor, lease: Lease, call: DraftCall, ok: boolean) {
  const completion = call.usage?.completion_tokens ?? 0;
  const generated = call.reasoningChars + call.answer.length;
  await recordModelUsage({
    apiKeyId: actor.kind === "api_key" ? actor.keyId : null,
    channel: channelOf(actor, {}),
    model: lease.model,
    backendId: lease.backend.id,
    outcome: ok ? "completed" : "failed",
    promptTokens: call.usage?.prompt_tokens ?? 0,
    completionTokens: completion,
    reasoningTokens:
      call.usage?.reasoning_tokens ?? (generated ? (completion * call.reasoningChars) / generated : 0),
    gpuMs: call.answered ? performance.now() - call.startedAt : 0,
  }).catch((error: unknown) => logger.error({ err: error }, "could not record a draft's model usage"));
}

async function ask(actor: Actor, files: readonly DraftFile[], preferredModel: string, signal: AbortSignal) {
  const ticket = await admitRequest({
    models: await candidateModels(preferredModel),
    sessionKey: null,
    signal,
  });
  if (!ticket) return null;
  const lease = await ticket.lease;
  const call: DraftCall = {
    answer: "",
    reasoningChars: 0,
    usage: null,
    startedAt: performance.now(),
    answered: false,
  };
  try {
    const engine = await engineFor(lease.backend);
    const events = engine.generate({
      model: lease.model,
      messages: draftPrompt(files),
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      reasoningEffort: "low",
      signal,
    });
    for await (const event of events) {
      call.answered = true;
      if (event.type === "output_text.delta") call.answer += event.text;
      else if (event.type === "reasoning.delta") call.reasoningChars += event.text.length;
      else if (event.type === "usage") call.usage = event.usage;
    }
    lease.release({ ok: true, ttftMs: null });
    await recordDraftUsage(actor, lease, call, true);
    return call.answer;
  } catch (error) {
    lease.release({ cancelled: true });
    await recordDraftUsage(actor, lease, call, false);
    throw error;
  }
}

/** A model's draft, or null when no model is connected or it did not give a usable one. */
export async function draftWithModel(
  actor: Actor,
  files: readonly DraftFile[],
  preferredModel: string,
): Promise<ModelDraft | null> {
  try {
    const answer = await ask(actor, files, preferredModel, AbortSignal.timeout(TIMEOUT_MS));
    if (answer === null) return null;
    const draft = parseModelDraft(answer);
    if (!draft)
      logger.warn({ answer: answer.slice(0, 500) }, "a model's assistant draft was not the JSON asked for");
    return draft;
  } catch (error) {
    logger.warn({ err: error }, "could not draft an assistant with a model; drafting from the headings");
    return null;
  }
}
