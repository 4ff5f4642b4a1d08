// The rule of every REST operation and every tRPC procedure: which permission it needs (and on
// which assistant), or why it is open, with a sample input valid enough to reach the check. The
// authorization matrix (authorization-matrix.test.ts) computes what each caller must get from
// these rules and the policy's own `can()`, then calls the real handlers to see what they do.
// A new endpoint or procedure fails the matrix until it has a rule here. Rules run in the order
// written, for every caller against a freshly seeded world: reads and changes first, deletions
// last (the assistants themselves at the very end), so each call still finds its objects.
import type { inferRouterInputs } from "@trpc/server";
import type { z } from "zod";
import type { ErrorCode } from "../errors";
import type { allEndpoints } from "../http/endpoints";
import type { Permission } from "../services/access/policy";
import { HASH_EMBEDDER_MODEL } from "../services/knowledge/embedding/hash-embedder";
import type { AppRouter } from "../trpc/root";
import { PASSWORD, type Target, type World } from "./authorization-world";

export type Access =
  /** Open to anyone, credentials or not; says why. */
  | { public: string }
  /** Open to any caller with valid credentials, whatever its rights; says why. */
  | { signedIn: string }
  | {
      /** Every one of these is needed. */
      needs: Permission | readonly Permission[];
      /**
       * The assistant the permissions are checked on: `target`, the one the operation names (it is
       * tried on A, in the scoped key's scope, and on B, out of it); `any`, any assistant at all
       * (a listing that shows each caller its own); none: a permission over the whole deployment.
       */
      on?: "target" | "any";
    };

interface RuleBase {
  access: Access;
  /**
   * What an allowed caller gets when the seeded state refuses the call to everyone (a load test
   * already running, setup already done); a success otherwise.
   */
  allowed?: ErrorCode;
  /** What an allowed caller gets when the input names objects of another assistant (default NOT_FOUND). */
  crossAllowed?: ErrorCode;
}

type Spec = (typeof allEndpoints)[number];
type BodyOf<S> = S extends { body: infer B extends z.ZodType } ? z.input<B> : never;

export interface RestRule<S extends Spec = Spec> extends RuleBase {
  /** Path parameters other than the defaults taken from the world and the target. */
  params?: (world: World) => Record<string, string>;
  query?: (target: Target, world: World) => Record<string, string>;
  body?: (target: Target, world: World) => BodyOf<S>;
  /** A multipart upload of one file. */
  upload?: { filename: string; content: string; type: string };
}

/** Keyed `METHOD /path`, as the OpenAPI document lists them. */
export type RestRules = { [S in Spec as `${Uppercase<S["method"]>} ${S["path"]}`]?: RestRule<S> };

type Inputs = inferRouterInputs<AppRouter>;
type RouterName = Extract<keyof Inputs, string>;
type ProcedureKey = { [R in RouterName]: `trpc:${R}.${Extract<keyof Inputs[R], string>}` }[RouterName];
type InputOf<K> = K extends `trpc:${infer R extends RouterName}.${infer P}`
  ? P extends keyof Inputs[R]
    ? Inputs[R][P]
    : never
  : never;

export interface TrpcRule<I = unknown> extends RuleBase {
  input?: (target: Target, world: World) => I;
}

/** Keyed `trpc:router.procedure`. */
export type TrpcRules = { [K in ProcedureKey]?: TrpcRule<InputOf<K>> };

const messages = [{ role: "user" as const, content: "How many days of holiday do I get?" }];
const question = (target: Target) => ({
  message: "How many days of holiday do I get?",
  session_id: target.sessionId,
});
const scenario = (target: Target) => ({
  assistant_id: target.assistantId,
  user_levels: [1],
  requests_per_user: 1,
});
const backend = (world: World) => ({
  name: "second-sim",
  kind: "openai_compatible" as const,
  base_url: world.backendBaseUrl,
  models: ["gpt-oss-20b"],
});

const ruleParams = (world: World) => ({ rule_id: world.alertRuleId });
const destinationParams = (world: World) => ({ destination_id: world.alertDestinationId });

export const restRules: RestRules = {
  "GET /health": { access: { public: "the load balancer's liveness and readiness probe" } },
  "GET /version": { access: { public: "what is deployed; no configuration or secrets" } },
  "GET /embed/{assistant_id}/status": {
    access: {
      public:
        "the widget loader's check on another site's page: allowed, refused or disabled for the Origin header, and the launcher's look only when allowed (rate limited; services/widget tests)",
    },
  },
  "GET /metrics": {
    access: { public: "scraped by Prometheus; HEARTH_METRICS_TOKEN closes it (see read-metrics)" },
  },
  "GET /admin/health": { access: { needs: "backends:read" } },
  "GET /telemetry": { access: { needs: "assistants:read" } },
  "GET /admin/telemetry/series": {
    access: { needs: "assistants:read" },
    query: (target) => ({ range: "24h", assistant_id: target.assistantId }),
  },
  "GET /admin/capacity": {
    access: { needs: ["assistants:read", "backends:read", "loadtests:read"] },
    query: () => ({ users: "40" }),
  },
  "GET /admin/audit": { access: { needs: "audit:read" } },
  "GET /admin/audit/export": { access: { needs: "audit:read" }, query: () => ({ format: "csv" }) },

  "GET /admin/assistants": { access: { needs: "assistants:read" } },
  "GET /admin/assistants/{assistant_id}": { access: { needs: "assistants:read" } },
  "POST /admin/assistants": { access: { needs: "assistants:write" }, body: () => ({ id: "asst-created" }) },
  // A JSON body; creating from uploaded files needs knowledge:write as well.
  "POST /admin/assistants/auto": { access: { needs: "assistants:write" }, body: () => ({}) },
  // Needs knowledge:write as well, which the same callers hold; nothing is stored.
  "POST /admin/assistants/auto/draft": {
    access: { needs: "assistants:write" },
    upload: { filename: "faq.md", content: "# FAQ\n\nThe office opens at nine.\n", type: "text/markdown" },
  },
  "POST /admin/tools/import-openapi": {
    access: { needs: "assistants:write" },
    body: () => ({
      document: {
        openapi: "3.1.0",
        info: { title: "Matrix", version: "1" },
        paths: { "/ping": { get: { responses: { "200": { description: "pong" } } } } },
      },
    }),
  },
  "POST /admin/assistants/{assistant_id}": {
    access: { needs: "assistants:write" },
    body: () => ({ description: "Updated by the matrix" }),
  },
  // Disabled, then enabled again, so that the runtime calls below find the assistants enabled.
  "POST /admin/assistants/{assistant_id}/disable": { access: { needs: "assistants:write" } },
  "POST /admin/assistants/{assistant_id}/enable": { access: { needs: "assistants:write" } },

  "GET /admin/api-keys": { access: { needs: "api_keys:manage" } },
  "POST /admin/api-keys": {
    access: { needs: "api_keys:manage" },
    body: (target) => ({ name: "ci", scope: "runtime", assistant_ids: [target.assistantId] }),
  },
  "POST /admin/api-keys/{key_id}": {
    access: { needs: "api_keys:manage" },
    body: () => ({ quotas: { requests_per_minute: 100000 } }),
  },
  "GET /admin/api-keys/{key_id}/quotas": { access: { needs: "api_keys:manage" } },

  "GET /admin/backends": { access: { needs: "backends:read" } },
  "GET /admin/backends/{backend_id}": { access: { needs: "backends:read" } },
  "POST /admin/backends": { access: { needs: "backends:manage" }, body: (_target, world) => backend(world) },
  // Nothing listens on port 9: an allowed caller gets a 200 saying the connection was refused.
  "POST /admin/backends/check": {
    access: { needs: "backends:manage" },
    body: () => ({ base_url: "http://127.0.0.1:9/v1" }),
  },
  "POST /admin/backends/{backend_id}": {
    access: { needs: "backends:manage" },
    body: () => ({ max_concurrency: 8 }),
  },

  "GET /admin/alerts": { access: { needs: "alerts:read" }, query: () => ({ state: "firing" }) },
  "GET /admin/alerts/rules": { access: { needs: "alerts:read" } },
  "GET /admin/alerts/rules/{rule_id}": {
    access: { needs: "alerts:read" },
    params: (world) => ruleParams(world),
  },
  "POST /admin/alerts/rules": {
    access: { needs: "alerts:manage" },
    body: () => ({ kind: "queue_rejections", threshold: 5 }),
  },
  "POST /admin/alerts/rules/{rule_id}": {
    access: { needs: "alerts:manage" },
    params: (world) => ruleParams(world),
    body: () => ({ threshold: 0.3 }),
  },
  "GET /admin/alerts/destinations": { access: { needs: "alerts:read" } },
  "GET /admin/alerts/destinations/{destination_id}": {
    access: { needs: "alerts:read" },
    params: (world) => destinationParams(world),
  },
  "POST /admin/alerts/destinations": {
    access: { needs: "alerts:manage" },
    body: () => ({ name: "pager", format: "slack", url: "https://hooks.slack.invalid/services/T0/B0/x" }),
  },
  "POST /admin/alerts/destinations/{destination_id}": {
    access: { needs: "alerts:manage" },
    params: (world) => destinationParams(world),
    body: () => ({ name: "ops team" }),
  },
  // The world's webhook is at a reserved address: an allowed caller gets a 200 saying it was refused.
  "POST /admin/alerts/destinations/{destination_id}/test": {
    access: { needs: "alerts:manage" },
    params: (world) => destinationParams(world),
  },

  "GET /admin/loadtests": { access: { needs: "loadtests:read" } },
  "GET /admin/loadtests/{loadtest_id}": { access: { needs: "loadtests:read" } },
  "GET /admin/loadtests/{loadtest_id}/report": {
    access: { needs: "loadtests:read" },
    query: () => ({ format: "md" }),
  },
  // One run at a time: the seeded running run refuses a start to everyone allowed to start one.
  "POST /admin/loadtests": { access: { needs: "loadtests:manage" }, allowed: "CONFLICT", body: scenario },
  "POST /admin/loadtests/{loadtest_id}/stop": {
    access: { needs: "loadtests:manage" },
    params: (world) => ({ loadtest_id: world.runningLoadTestId }),
  },

  "GET /v1/models": { access: { needs: "runtime:use", on: "any" } },
  "POST /v1/chat/completions": {
    access: { needs: "runtime:use", on: "target" },
    body: (target) => ({ model: target.assistantId, messages }),
  },
  "POST /v1/responses": {
    access: { needs: "runtime:use", on: "target" },
    body: (target) => ({ model: target.assistantId, input: "How many days of holiday do I get?" }),
  },
  // The response names its assistant: a caller who may not use that one is answered 404, as for a
  // response that does not exist (server/http/openai-responses.test.ts); here, A's response.
  "GET /v1/responses/{response_id}": {
    access: { needs: "runtime:use", on: "any" },
    params: (world) => ({ response_id: world.responseId }),
  },
  "POST /v1/embeddings": {
    access: { needs: "runtime:use", on: "any" },
    body: () => ({ model: HASH_EMBEDDER_MODEL, input: "The office opens at nine." }),
  },

  "POST /assistants/{assistant_id}/sessions": {
    access: { needs: "runtime:use", on: "target" },
    body: () => ({ user: "visitor-2" }),
  },
  "GET /assistants/{assistant_id}/sessions": { access: { needs: "sessions:read", on: "target" } },
  "GET /assistants/{assistant_id}/sessions/{session_id}": {
    access: { needs: "sessions:read", on: "target" },
  },
  "GET /assistants/{assistant_id}/users": { access: { needs: "sessions:read", on: "target" } },
  "GET /assistants/{assistant_id}/sessions/export": {
    access: { needs: "sessions:read", on: "target" },
    query: () => ({ format: "csv" }),
  },
  // Usage covers every assistant and key: an admin read, not a runtime key's.
  "GET /admin/usage": { access: { needs: "usage:read" }, query: () => ({ group_by: "key" }) },
  "GET /admin/usage/export": { access: { needs: "usage:read" }, query: () => ({ format: "csv" }) },
  // Searching every assistant's conversations is an admin read: runtime keys may not, even of all assistants.
  "GET /admin/conversations/search": {
    access: { needs: ["assistants:read", "sessions:read"] },
    query: () => ({ q: "hello" }),
  },
  // Rating an answer is part of using the assistant, on a conversation the caller may read.
  "POST /assistants/{assistant_id}/sessions/{session_id}/messages/{message_id}/feedback": {
    access: { needs: ["sessions:read", "runtime:use"], on: "target" },
    body: () => ({ rating: "up", comment: "Clear and right" }),
  },
  "POST /assistants/{assistant_id}/ask": { access: { needs: "runtime:use", on: "target" }, body: question },
  "POST /assistants/{assistant_id}/stream": {
    access: { needs: "runtime:use", on: "target" },
    body: question,
  },

  "GET /assistants/{assistant_id}/files": { access: { needs: "knowledge:read", on: "target" } },
  "GET /assistants/{assistant_id}/files/{file_id}": { access: { needs: "knowledge:read", on: "target" } },
  "GET /assistants/{assistant_id}/files/{file_id}/chunks": {
    access: { needs: "knowledge:read", on: "target" },
  },
  "POST /assistants/{assistant_id}/files": {
    access: { needs: "knowledge:write", on: "target" },
    upload: { filename: "faq.md", content: "# FAQ\n\nThe office opens at nine.\n", type: "text/markdown" },
  },
  "GET /assistants/{assistant_id}/vectorstores": { access: { needs: "knowledge:read", on: "target" } },
  "POST /assistants/{assistant_id}/vectorstores": {
    access: { needs: "knowledge:write", on: "target" },
    body: () => ({ name: "More" }),
  },
  "GET /assistants/{assistant_id}/vectorstores/{vector_store_id}": {
    access: { needs: "knowledge:read", on: "target" },
  },
  "POST /assistants/{assistant_id}/vectorstores/{vector_store_id}": {
    access: { needs: "knowledge:write", on: "target" },
    body: () => ({ name: "Renamed" }),
  },
  "GET /assistants/{assistant_id}/vectorstores/{vector_store_id}/files": {
    access: { needs: "knowledge:read", on: "target" },
  },
  "POST /assistants/{assistant_id}/vectorstores/{vector_store_id}/files": {
    access: { needs: "knowledge:write", on: "target" },
    body: (target) => ({ file_id: target.otherFileId }),
  },
  "POST /assistants/{assistant_id}/vectorstores/{vector_store_id}/search": {
    access: { needs: "knowledge:read", on: "target" },
    body: () => ({ query: "holiday" }),
  },
  "POST /assistants/{assistant_id}/vectorstores/{vector_store_id}/reindex": {
    access: { needs: "knowledge:write", on: "target" },
    body: () => ({}),
  },

  // Deletions, smallest objects first.
  "DELETE /assistants/{assistant_id}/vectorstores/{vector_store_id}/files/{file_id}": {
    access: { needs: "knowledge:write", on: "target" },
  },
  "DELETE /assistants/{assistant_id}/files/{file_id}": { access: { needs: "knowledge:write", on: "target" } },
  "DELETE /assistants/{assistant_id}/vectorstores/{vector_store_id}": {
    access: { needs: "knowledge:write", on: "target" },
  },
  // After the rating above, so that there is one to withdraw.
  "DELETE /assistants/{assistant_id}/sessions/{session_id}/messages/{message_id}/feedback": {
    access: { needs: ["sessions:read", "runtime:use"], on: "target" },
  },
  // Ending a conversation is part of using the assistant, but only for a caller that may read it.
  "DELETE /assistants/{assistant_id}/sessions/{session_id}": {
    access: { needs: ["sessions:read", "runtime:use"], on: "target" },
  },
  // A privacy request, as deleting a session is; after it, so that the end user has no session left
  // for the rules above to miss.
  "DELETE /assistants/{assistant_id}/users/{user}": {
    access: { needs: ["sessions:read", "runtime:use"], on: "target" },
    params: () => ({ user: "visitor-1" }),
  },
  "DELETE /admin/api-keys/{key_id}": { access: { needs: "api_keys:manage" } },
  "DELETE /admin/backends/{backend_id}": { access: { needs: "backends:manage" } },
  "DELETE /admin/alerts/rules/{rule_id}": {
    access: { needs: "alerts:manage" },
    params: (world) => ruleParams(world),
  },
  "DELETE /admin/alerts/destinations/{destination_id}": {
    access: { needs: "alerts:manage" },
    params: (world) => destinationParams(world),
  },
  "DELETE /admin/assistants/{assistant_id}": { access: { needs: "assistants:write" } },
};

export const trpcRules: TrpcRules = {
  "trpc:session.me": { access: { public: "who is signed in: null for any caller but a console user" } },
  "trpc:session.setup": {
    access: { public: "the first admin's one-time setup, before anyone can sign in" },
    // Closed to everyone once a user exists (the world has several).
    allowed: "FORBIDDEN",
    input: () => ({ name: "Mallory", email: "mallory@example.test", password: PASSWORD }),
  },
  "trpc:system.health": { access: { signedIn: "readiness, as public GET /health reports it" } },
  "trpc:observability.telemetry": { access: { needs: "assistants:read" } },
  "trpc:observability.series": {
    access: { needs: "assistants:read" },
    input: (target) => ({ range: "7d", assistant_id: target.assistantId }),
  },
  "trpc:observability.capacity": {
    access: { needs: ["assistants:read", "backends:read", "loadtests:read"] },
    input: () => ({ users: 40 }),
  },
  "trpc:audit.list": { access: { needs: "audit:read" }, input: () => ({}) },
  "trpc:usage.report": { access: { needs: "usage:read" }, input: () => ({ group_by: "assistant" }) },
  "trpc:settings.get": { access: { needs: "settings:read" } },
  "trpc:settings.deployment": { access: { needs: "settings:read" } },
  "trpc:settings.update": {
    access: { needs: "settings:manage" },
    input: () => ({ default_sla_avg_ms: 20_000 }),
  },

  "trpc:assistants.list": { access: { needs: "assistants:read" }, input: () => ({}) },
  "trpc:assistants.get": {
    access: { needs: "assistants:read" },
    input: (target) => ({ id: target.assistantId }),
  },
  "trpc:assistants.create": { access: { needs: "assistants:write" }, input: () => ({ id: "asst-created" }) },
  "trpc:assistants.createAuto": { access: { needs: "assistants:write" }, input: () => ({}) },
  "trpc:assistants.importOpenApiTools": {
    access: { needs: "assistants:write" },
    input: () => ({
      document: {
        openapi: "3.1.0",
        info: { title: "Matrix", version: "1" },
        paths: { "/ping": { get: { responses: { "200": { description: "pong" } } } } },
      },
    }),
  },
  "trpc:assistants.update": {
    access: { needs: "assistants:write" },
    input: (target) => ({ id: target.assistantId, patch: { description: "Updated by the matrix" } }),
  },
  "trpc:assistants.setEnabled": {
    access: { needs: "assistants:write" },
    input: (target) => ({ id: target.assistantId, enabled: true }),
  },
  "trpc:widget.get": {
    access: { needs: "assistants:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId }),
  },
  "trpc:widget.update": {
    access: { needs: "assistants:write", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, changes: { title: "Help" } }),
  },
  "trpc:widget.refusedOrigins": {
    access: { needs: "assistants:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId }),
  },
  "trpc:widget.allowOrigin": {
    access: { needs: "assistants:write", on: "target" },
    // Nothing was refused in the seeded world: an allowed caller reaches the lookup and its 404.
    allowed: "NOT_FOUND",
    input: (target) => ({ assistantId: target.assistantId, origin: "https://refused.example" }),
  },
  "trpc:widget.dismissOrigin": {
    access: { needs: "assistants:write", on: "target" },
    allowed: "NOT_FOUND",
    input: (target) => ({ assistantId: target.assistantId, origin: "https://refused.example" }),
  },

  "trpc:apiKeys.list": { access: { needs: "api_keys:manage" }, input: () => ({}) },
  "trpc:apiKeys.create": {
    access: { needs: "api_keys:manage" },
    input: (target) => ({ name: "ci", scope: "runtime", assistant_ids: [target.assistantId] }),
  },
  "trpc:users.list": { access: { needs: "users:manage" } },
  "trpc:users.create": {
    access: { needs: "users:manage" },
    input: () => ({
      name: "New",
      email: "new@example.test",
      password: PASSWORD,
      role: "viewer",
    }),
  },
  "trpc:users.setRole": {
    access: { needs: "users:manage" },
    input: (_target, world) => ({ id: world.userId, role: "operator" }),
  },
  "trpc:alerts.list": { access: { needs: "alerts:read" }, input: () => ({}) },
  "trpc:alerts.rules": { access: { needs: "alerts:read" } },
  "trpc:alerts.createRule": {
    access: { needs: "alerts:manage" },
    input: () => ({ kind: "ingestion_failures", threshold: 3 }),
  },
  "trpc:alerts.updateRule": {
    access: { needs: "alerts:manage" },
    input: () => ({ id: "backend_down", patch: { threshold: 120 } }),
  },
  "trpc:alerts.destinations": { access: { needs: "alerts:read" } },
  "trpc:alerts.createDestination": {
    access: { needs: "alerts:manage" },
    input: () => ({ name: "teams", format: "teams", url: "https://teams.invalid/workflows/x" }),
  },
  "trpc:alerts.updateDestination": {
    access: { needs: "alerts:manage" },
    input: (_target, world) => ({ id: world.alertDestinationId, patch: { enabled: false } }),
  },
  "trpc:alerts.testDestination": {
    access: { needs: "alerts:manage" },
    input: (_target, world) => ({ id: world.alertDestinationId }),
  },
  "trpc:backends.list": { access: { needs: "backends:read" } },
  "trpc:backends.serving": { access: { needs: ["backends:read", "assistants:read"] } },
  "trpc:backends.create": { access: { needs: "backends:manage" }, input: (_target, world) => backend(world) },
  "trpc:backends.check": {
    access: { needs: "backends:manage" },
    input: () => ({ base_url: "http://127.0.0.1:9/v1" }),
  },
  "trpc:backends.update": {
    access: { needs: "backends:manage" },
    input: (_target, world) => ({ id: world.backendId, patch: { max_concurrency: 8 } }),
  },

  "trpc:loadTests.list": { access: { needs: "loadtests:read" }, input: () => ({}) },
  "trpc:loadTests.get": {
    access: { needs: "loadtests:read" },
    input: (_target, world) => ({ id: world.loadTestId }),
  },
  "trpc:loadTests.report": {
    access: { needs: "loadtests:read" },
    input: (_target, world) => ({ ids: [world.loadTestId] }),
  },
  "trpc:loadTests.export": {
    access: { needs: "loadtests:read" },
    input: (_target, world) => ({ ids: [world.loadTestId], format: "csv" }),
  },
  "trpc:loadTests.start": { access: { needs: "loadtests:manage" }, allowed: "CONFLICT", input: scenario },
  "trpc:loadTests.stop": {
    access: { needs: "loadtests:manage" },
    input: (_target, world) => ({ id: world.runningLoadTestId }),
  },

  "trpc:sessions.list": {
    access: { needs: "sessions:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, query: {} }),
  },
  "trpc:sessions.search": {
    access: { needs: ["assistants:read", "sessions:read"] },
    input: () => ({ q: "hello" }),
  },
  "trpc:sessions.get": {
    access: { needs: "sessions:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, sessionId: target.sessionId }),
  },
  "trpc:sessions.giveFeedback": {
    access: { needs: ["sessions:read", "runtime:use"], on: "target" },
    input: (target) => ({
      assistantId: target.assistantId,
      sessionId: target.sessionId,
      messageId: target.answerId,
      feedback: { rating: "down", comment: "Missed the point" },
    }),
  },
  "trpc:sessions.endUsers": {
    access: { needs: "sessions:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, query: {} }),
  },

  "trpc:knowledge.files": {
    access: { needs: "knowledge:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, query: {} }),
  },
  "trpc:knowledge.file": {
    access: { needs: "knowledge:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, fileId: target.fileId }),
  },
  "trpc:knowledge.fileChunks": {
    access: { needs: "knowledge:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, fileId: target.fileId }),
  },
  "trpc:knowledge.stores": {
    access: { needs: "knowledge:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, query: {} }),
  },
  "trpc:knowledge.store": {
    access: { needs: "knowledge:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, storeId: target.vectorStoreId }),
  },
  "trpc:knowledge.createStore": {
    access: { needs: "knowledge:write", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, store: { name: "More" } }),
  },
  "trpc:knowledge.updateStore": {
    access: { needs: "knowledge:write", on: "target" },
    input: (target) => ({
      assistantId: target.assistantId,
      storeId: target.vectorStoreId,
      changes: { name: "Renamed" },
    }),
  },
  "trpc:knowledge.storeFiles": {
    access: { needs: "knowledge:read", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, storeId: target.vectorStoreId, query: {} }),
  },
  "trpc:knowledge.addStoreFile": {
    access: { needs: "knowledge:write", on: "target" },
    input: (target) => ({
      assistantId: target.assistantId,
      storeId: target.vectorStoreId,
      file: { file_id: target.otherFileId },
    }),
  },
  "trpc:knowledge.search": {
    access: { needs: "knowledge:read", on: "target" },
    input: (target) => ({
      assistantId: target.assistantId,
      storeId: target.vectorStoreId,
      search: { query: "holiday" },
    }),
  },
  "trpc:knowledge.reindex": {
    access: { needs: "knowledge:write", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, storeId: target.vectorStoreId, files: {} }),
  },

  "trpc:knowledge.removeStoreFile": {
    access: { needs: "knowledge:write", on: "target" },
    input: (target) => ({
      assistantId: target.assistantId,
      storeId: target.vectorStoreId,
      fileId: target.fileId,
    }),
  },
  "trpc:knowledge.deleteFile": {
    access: { needs: "knowledge:write", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, fileId: target.fileId }),
  },
  "trpc:knowledge.deleteStore": {
    access: { needs: "knowledge:write", on: "target" },
    input: (target) => ({ assistantId: target.assistantId, storeId: target.vectorStoreId }),
  },
  "trpc:sessions.withdrawFeedback": {
    access: { needs: ["sessions:read", "runtime:use"], on: "target" },
    input: (target) => ({
      assistantId: target.assistantId,
      sessionId: target.sessionId,
      messageId: target.answerId,
    }),
  },
  "trpc:sessions.delete": {
    access: { needs: ["sessions:read", "runtime:use"], on: "target" },
    input: (target) => ({ assistantId: target.assistantId, sessionId: target.sessionId }),
  },
  "trpc:sessions.eraseEndUser": {
    access: { needs: ["sessions:read", "runtime:use"], on: "target" },
    input: (target) => ({ assistantId: target.assistantId, user: "visitor-1" }),
  },
  "trpc:apiKeys.update": {
    access: { needs: "api_keys:manage" },
    input: (_target, world) => ({ id: world.apiKeyId, name: "renamed" }),
  },
  "trpc:apiKeys.quotaUsage": {
    access: { needs: "api_keys:manage" },
    input: (_target, world) => ({ id: world.apiKeyId }),
  },
  "trpc:apiKeys.quotaUsageMany": {
    access: { needs: "api_keys:manage" },
    input: (_target, world) => ({ ids: [world.apiKeyId] }),
  },
  "trpc:apiKeys.revoke": {
    access: { needs: "api_keys:manage" },
    input: (_target, world) => ({ id: world.apiKeyId }),
  },
  "trpc:users.delete": {
    access: { needs: "users:manage" },
    input: (_target, world) => ({ id: world.userId }),
  },
  "trpc:alerts.deleteRule": {
    access: { needs: "alerts:manage" },
    input: (_target, world) => ({ id: world.alertRuleId }),
  },
  "trpc:alerts.deleteDestination": {
    access: { needs: "alerts:manage" },
    input: (_target, world) => ({ id: world.alertDestinationId }),
  },
  "trpc:backends.delete": {
    access: { needs: "backends:manage" },
    input: (_target, world) => ({ id: world.backendId }),
  },
  "trpc:assistants.delete": {
    access: { needs: "assistants:write" },
    input: (target) => ({ id: target.assistantId }),
  },
};

/**
 * Route files that are not operations of the OpenAPI document, with why (and where they are
 * guarded). A new route file must be documented, or listed here.
 */
export const undocumentedRoutes: Record<string, string> = {
  "/api/trpc/{trpc}": "the console's tRPC endpoint: every procedure is in trpcRules",
  "/api/auth/{...all}": "better-auth's sign-in and sign-out (rate limited; server/auth tests)",
  "/embed/{assistant_id}/session":
    "the widget's own (specs in server/http/endpoints/widget.ts, not documented): a widget token from an allowed site (services/widget tests)",
  "/embed/{assistant_id}/stream":
    "the widget's own (specs in server/http/endpoints/widget.ts, not documented): a widget token from an allowed site (services/widget tests)",
  "/embed/{assistant_id}/feedback":
    "the widget's own (specs in server/http/endpoints/widget.ts, not documented): a widget token from an allowed site, and only the visitor's own answers (services/widget tests)",
  "/openapi.json": "the public API description",
  "/widget.js": "the public widget loader script",
  "/console/api-reference/scalar.js": "the API reference page's script bundle",
  "/admin/{...path}": "unknown paths: a JSON 404",
  "/assistants/{assistant_id}/{...path}": "unknown paths: a JSON 404",
  "/v1/{...path}": "unknown paths: a JSON 404",
};
