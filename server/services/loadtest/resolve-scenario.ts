// Fills a scenario in: the SLA defaults to the assistant's own targets, a duration applies when
// neither a duration nor a request count was given, and the prompt set is made concrete (built
// in, the caller's, or the latest questions people asked this assistant).
import { getDb } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import {
  DEFAULT_DURATION_SECONDS,
  type LoadTestScenario,
  type StartLoadTestInput,
} from "../../schemas/loadtest";
import { BUILTIN_PROMPTS } from "./builtin-prompts";

export interface AssistantTargets {
  slaAvgMs: number;
  slaP95Ms: number | null;
  slaTtftMs: number | null;
}

/** The scenario as stored: what the API shows, plus the prompt texts the users send. */
export interface StoredScenario extends LoadTestScenario {
  prompt_items: string[];
}

/** Questions asked of the assistant by people, newest first, without load test traffic. */
export async function samplePastQuestions(assistantId: string, limit: number): Promise<string[]> {
  // IS DISTINCT FROM keeps sessions without a channel (a plain NOT would drop their NULL).
  const rows = await getDb().$queryRaw<{ content: string }[]>`
    SELECT m.content FROM "Message" m JOIN "ChatSession" s ON s.id = m."sessionId"
    WHERE m."assistantId" = ${assistantId} AND m.role = 'user'
      AND (s.metadata->>'channel') IS DISTINCT FROM 'loadtest'
    ORDER BY m."createdAt" DESC
    LIMIT ${limit * 5}`;
  const distinct = new Set<string>();
  for (const { content } of rows) {
    const text = content.trim();
    if (text && text.length <= env.HEARTH_MAX_MESSAGE_CHARS) distinct.add(text);
    if (distinct.size >= limit) break;
  }
  return [...distinct];
}

async function promptItems(input: StartLoadTestInput): Promise<string[]> {
  switch (input.prompts.source) {
    case "builtin":
      return [...BUILTIN_PROMPTS];
    case "custom":
      return input.prompts.items;
    case "sessions": {
      const items = await samplePastQuestions(input.assistant_id, input.prompts.limit);
      if (items.length === 0) {
        throw new AppError(
          "INVALID_INPUT",
          `Assistant '${input.assistant_id}' has no past questions to sample: use the built-in or your own prompts`,
          { details: [{ path: "body.prompts.source", message: "no past questions to sample" }] },
        );
      }
      return items;
    }
  }
}

export async function resolveScenario(
  input: StartLoadTestInput,
  assistant: AssistantTargets,
): Promise<StoredScenario> {
  const tooLong =
    input.prompts.source === "custom"
      ? input.prompts.items.findIndex((item) => item.length > env.HEARTH_MAX_MESSAGE_CHARS)
      : -1;
  if (tooLong >= 0) {
    throw new AppError(
      "INVALID_INPUT",
      `Prompt ${tooLong + 1} is longer than HEARTH_MAX_MESSAGE_CHARS (${env.HEARTH_MAX_MESSAGE_CHARS})`,
      { details: [{ path: `body.prompts.items.${tooLong}`, message: "too long" }] },
    );
  }
  const items = await promptItems(input);
  const perRequest = input.requests_per_user ?? null;
  return {
    endpoint: input.endpoint,
    user_levels: input.user_levels,
    duration_seconds: perRequest === null ? (input.duration_seconds ?? DEFAULT_DURATION_SECONDS) : null,
    requests_per_user: perRequest,
    ramp_up_seconds: input.ramp_up_seconds,
    think_time_ms: input.think_time_ms,
    request_timeout_seconds: input.request_timeout_seconds,
    prompts: { source: input.prompts.source, count: items.length },
    sla: {
      avg_ms: input.sla.avg_ms ?? assistant.slaAvgMs,
      p95_ms: input.sla.p95_ms === undefined ? assistant.slaP95Ms : input.sla.p95_ms,
      ttft_ms: input.sla.ttft_ms === undefined ? assistant.slaTtftMs : input.sla.ttft_ms,
      error_rate: input.sla.error_rate ?? null,
    },
    prompt_items: items,
  };
}
