// The first half of an exchange, before any model is called, kept to reads only so the question
// reaches the model at once: checks the caller and the assistant (cached), validates the message,
// and for a continued session reads it and the history that fits the token budget. The writes that
// record the exchange (runtime/exchange/persist-exchange.ts) then run while the model is already working.
import { getDb } from "../../db/client";
import { env } from "../../env";
import { AppError, notFound } from "../../errors";
import type { AssistantDto } from "../../schemas/assistant";
import type { Channel, RunOverrides } from "../../schemas/chat";
import { hasQuotas } from "../../schemas/quotas";
import type { Actor } from "../access/actor";
import { findAssistantCached } from "../assistants/assistant-cache";
import { requireEnabledAssistant } from "../assistants/require-enabled-assistant";
import { openTool, storedToolsOf, type OpenedTool } from "../assistants/stored-tools";
import type { ChatTurn, ForwardedFields } from "../gateway/engines/engine";
import { channelOf } from "../sessions/channel-of";
import { newId } from "../sessions/ids";
import { drainingError, isDraining } from "../cluster/shutdown-state";
import { admitToQuotas } from "../quotas/admit-to-quotas";
import type { QuotaSubject } from "../quotas/quota-subject";
import { loadHistory } from "./history";
import { findReplacedQuestion } from "./replaced-question";
import { runOverrides } from "./run-overrides";

export interface ExchangeInput {
  message: string;
  session_id?: string;
  user?: string;
  metadata?: Record<string, string>;
  /** Earlier turns supplied by the caller (the OpenAI facade) instead of the session's history. */
  history?: ChatTurn[];
  /**
   * With `session_id` and no `history`: turns before the session's stored history and after it (the
   * Responses API continuing a conversation: the request's instructions, then its own earlier items).
   */
  around?: { before: ChatTurn[]; after: ChatTurn[] };
  /** Per-request generation settings over the assistant's own (the OpenAI facade's parameters). */
  generation?: Partial<AssistantDto["generation"]>;
  /** A run's settings (the REST runtime's `overrides`), within the assistant's output cap. */
  overrides?: RunOverrides;
  /** With `session_id`: the question asked again; it and everything after it are replaced. */
  replace_from?: string;
  /**
   * The turns that end the prompt instead of `message` as a user turn: a tool loop's results (the
   * OpenAI facade). `message` is then what the transcript stores for them.
   */
  closing?: ChatTurn[];
  /** What the knowledge search looks for, when it is not `message` (the question before tool results). */
  searchText?: string;
  /** The caller's tools and sampling extras, for an OpenAI-compatible backend (the OpenAI facade). */
  forwarded?: ForwardedFields;
  /** Where the question comes from, for a new session; else from the caller (channelOf). */
  channel?: Channel;
}

export interface PreparedExchange {
  assistant: AssistantDto;
  sessionId: string;
  /** Null for a new session (created when the exchange is recorded). */
  existingSession: { endUserId: string | null } | null;
  /** The question this one replaces, with every message after it (removed when it is recorded). */
  replaceFrom?: string;
  user: string | null;
  metadata: Record<string, string>;
  /** A new session's channel (a continued session keeps its own). */
  channel: Channel;
  userMessageId: string;
  answerMessageId: string;
  question: string;
  history: ChatTurn[];
  /** The prompt's last turns: the question as a user turn, or a tool loop's results. */
  closing: ChatTurn[];
  /** What the knowledge search looks for: the question, or the one before a tool loop's results. */
  searchText: string;
  /** Sent to the backend as they are; only an OpenAI-compatible backend can take them. */
  forwarded: ForwardedFields | null;
  /** The assistant's own tools (HTTP, MCP), secrets opened: Hearth runs them (runtime/exchange/tool-loop.ts). */
  tools: OpenedTool[];
  receivedAt: Date;
  startedAt: number;
  /** The request's id, for the log line of a failed exchange. */
  requestId?: string;
  /** The API key asking (null: a console user, the widget, the master key): what usage is accounted to. */
  apiKeyId: string | null;
  /**
   * Gives back the quota slots the question holds (idempotent; settle calls it once the answer is
   * recorded): its concurrent stream and the usage it was expected to add.
   */
  releaseQuotaSlots: () => void;
}

export function assertMessageValid(message: string): void {
  if (message.trim() === "") throw new AppError("INVALID_INPUT", "message must not be empty");
  if (message.length > env.HEARTH_MAX_MESSAGE_CHARS) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `message is ${message.length} characters; the limit is ${env.HEARTH_MAX_MESSAGE_CHARS}`,
    );
  }
}

/** Who the question counts against: its API key and its end user, where they have quotas. */
function quotaSubjects(actor: Actor, assistant: AssistantDto, user: string | undefined): QuotaSubject[] {
  const subjects: QuotaSubject[] = [];
  if (actor.kind === "api_key" && actor.quotas && hasQuotas(actor.quotas)) {
    subjects.push({ kind: "api_key", keyId: actor.keyId, quotas: actor.quotas });
  }
  if (user && hasQuotas(assistant.end_user_quotas)) {
    subjects.push({ kind: "end_user", assistantId: assistant.id, user, quotas: assistant.end_user_quotas });
  }
  return subjects;
}

async function readSession(
  assistantId: string,
  sessionId: string,
  user: string | undefined,
  now: Date,
  replaceFrom: string | undefined,
) {
  const db = getDb();
  const budget = env.HEARTH_HISTORY_TOKEN_BUDGET;
  const [session, history] = await Promise.all([
    db.chatSession.findFirst({ where: { id: sessionId, assistantId }, include: { endUser: true } }),
    replaceFrom ? null : loadHistory(db, sessionId, now, budget),
  ]);
  if (!session) throw notFound("Session", sessionId);
  if (user && session.endUser && session.endUser.externalId !== user) {
    throw new AppError("FORBIDDEN", "This session belongs to another user");
  }
  if (history) return { session, history };
  // Asked again: the history is what came before the replaced question.
  const replaced = await findReplacedQuestion(db, sessionId, replaceFrom!);
  return { session, history: await loadHistory(db, sessionId, replaced.createdAt, budget) };
}

/** The stored tools with their secrets (the row is cached: requireEnabledAssistant just read it). */
async function openedTools(assistantId: string): Promise<OpenedTool[]> {
  const row = await findAssistantCached(assistantId);
  return storedToolsOf(row?.tools).map(openTool);
}

export async function prepareExchange(
  actor: Actor,
  assistantId: string,
  input: ExchangeInput,
): Promise<PreparedExchange> {
  const startedAt = performance.now();
  const stored = await requireEnabledAssistant(actor, assistantId);
  // A replica shutting down takes no new question (nothing recorded): the load balancer retries it.
  if (isDraining()) throw drainingError();
  assertMessageValid(input.message);
  const overrides = Object.fromEntries(
    Object.entries({ ...input.generation, ...runOverrides(stored, input.overrides) }).filter(
      ([, value]) => value != null,
    ),
  );
  const assistant = { ...stored, generation: { ...stored.generation, ...overrides } };
  const receivedAt = new Date();
  const sessionRead = input.session_id
    ? readSession(assistantId, input.session_id, input.user, receivedAt, input.replace_from)
    : Promise.resolve(null);
  // A continued session's questions count against its end user even when the request does not
  // name them again: only then do the quotas wait for the session.
  const subjectsKnown =
    !input.user && input.session_id && hasQuotas(assistant.end_user_quotas)
      ? sessionRead.then((continued) =>
          quotaSubjects(actor, assistant, continued?.session.endUser?.externalId),
        )
      : Promise.resolve(quotaSubjects(actor, assistant, input.user));
  const reading = [
    sessionRead,
    assistant.tools.length > 0 ? openedTools(assistantId) : Promise.resolve([]),
    subjectsKnown.then((subjects) => admitToQuotas(subjects, receivedAt)),
  ] as const;
  const [continued, tools, admitted] = await Promise.allSettled(reading);
  if (continued.status === "rejected" || tools.status === "rejected" || admitted.status === "rejected") {
    // The question is not taken: the quota slots it was given are free again.
    if (admitted.status === "fulfilled") admitted.value();
    throw [continued, tools, admitted].find((result) => result.status === "rejected")!.reason;
  }
  return {
    assistant,
    sessionId: input.session_id ?? newId("sess"),
    existingSession: continued.value ? { endUserId: continued.value.session.endUserId } : null,
    ...(continued.value && input.replace_from ? { replaceFrom: input.replace_from } : {}),
    user: input.user ?? null,
    metadata: input.metadata ?? {},
    channel: channelOf(actor, input),
    userMessageId: newId("msg"),
    answerMessageId: newId("msg"),
    question: input.message,
    history: input.history ?? [
      ...(input.around?.before ?? []),
      ...(continued.value?.history ?? []),
      ...(input.around?.after ?? []),
    ],
    closing: input.closing ?? [{ role: "user", content: input.message }],
    searchText: input.searchText ?? input.message,
    forwarded: input.forwarded && Object.keys(input.forwarded).length > 0 ? input.forwarded : null,
    tools: tools.value,
    receivedAt,
    startedAt,
    requestId: actor.via?.requestId,
    apiKeyId: actor.kind === "api_key" ? actor.keyId : null,
    releaseQuotaSlots: admitted.value,
  };
}
