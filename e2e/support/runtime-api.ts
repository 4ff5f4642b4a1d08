// The runtime API's shapes as the specs read them, written from the API guide (docs/api.md)
// rather than imported from the server's schemas (so that a change there shows up as a failing
// spec), and the calls that set a runtime spec up: an assistant on a given model, a key for some
// assistants.
import { expect, type APIRequestContext } from "@playwright/test";

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface AskResponse {
  answer: string;
  session_id: string;
  message_id: string;
  /** The question's id: what `replace_from` takes to ask it again. */
  question_id: string;
  citations: unknown[];
  rag: {
    decision: "injected" | "forwarded" | "refused";
    top_score: number | null;
    threshold: number;
    passages: number;
  };
  usage: Usage;
  timings: { queue_ms: number; ttft_ms: number | null; total_ms: number };
  model: string;
  backend: string | null;
  /** `stop` for a complete answer, `length` when max_output_tokens cut it. */
  finish_reason: string;
  reasoning?: string;
}

export interface Message {
  id: string;
  object: "message";
  role: "user" | "assistant";
  content: string;
  reasoning: string | null;
  status: "in_progress" | "completed" | "failed" | "cancelled";
  error: { code: string; message: string } | null;
  citations: unknown[];
  model: string | null;
  backend_id: string | null;
  usage: Usage | null;
  timings: AskResponse["timings"] | null;
  /** The answer's current rating; null when unrated and on questions. */
  feedback: Feedback | null;
  created_at: string;
}

/** POST /assistants/{id}/sessions/{session_id}/messages/{message_id}/feedback's answer. */
export interface Feedback {
  object: "feedback";
  message_id: string;
  session_id: string;
  assistant_id: string;
  rating: "up" | "down";
  comment: string | null;
  given_by: { kind: "api_key" | "master_key" | "console_user" | "widget_visitor"; id: string | null };
  created_at: string;
  updated_at: string;
}

export interface Session {
  id: string;
  object: "session";
  assistant_id: string;
  user: string | null;
  metadata: Record<string, string>;
  message_count: number;
  created_at: string;
  last_message_at: string | null;
  channel: "api" | "openai" | "widget" | "playground" | "loadtest";
  first_question: string | null;
  last_status: string | null;
  tokens: { prompt: number; completion: number };
}

export interface SessionDetail extends Session {
  messages: Message[];
}

export interface EndUser {
  id: string;
  object: "end_user";
  first_seen_at: string;
  last_seen_at: string;
  session_count: number;
  message_count: number;
}

export interface List<T> {
  object: "list";
  data: T[];
  total: number;
  next_cursor: string | null;
}

/** The JSON `data` of one stream event; which fields are present depends on its type. */
export interface StreamEventData {
  type: string;
  sequence_number: number;
  session_id?: string;
  message_id?: string;
  question_id?: string;
  model?: string;
  delta?: string;
  rag?: AskResponse["rag"];
  citations?: unknown[];
  response?: AskResponse;
  error?: { code: string; message: string; retry_after_seconds?: number };
}

/** Creates an assistant (on the given model, or the server's default) and returns its id. */
export async function createAssistant(
  api: APIRequestContext,
  id: string,
  data: Record<string, unknown> = {},
): Promise<string> {
  const response = await api.post("/admin/assistants", {
    data: { id, instructions: "Answer briefly.", ...data },
  });
  expect(response.status(), await response.text()).toBe(201);
  return id;
}

/** A runtime key restricted to the given assistants (revoked with the run's data directory). */
export async function createRuntimeKey(api: APIRequestContext, assistantIds: string[]): Promise<string> {
  const response = await api.post("/admin/api-keys", {
    data: {
      name: `runtime-${assistantIds.join("-")}`.slice(0, 100),
      scope: "runtime",
      assistant_ids: assistantIds,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { key: string }).key;
}

/** GET /assistants/{id}/sessions/{session_id} with the master key, as the detail's JSON. */
export async function sessionDetail(
  api: APIRequestContext,
  assistantId: string,
  sessionId: string,
): Promise<SessionDetail> {
  const response = await api.get(`/assistants/${assistantId}/sessions/${sessionId}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as SessionDetail;
}
