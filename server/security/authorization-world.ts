// The world the authorization matrix runs in, and the callers it tries. Two assistants: A, in the
// scope of the scoped runtime key and of the widget, and B, outside both; each with a session (of
// an end user) holding one answer, two knowledge files and a vector store that holds the first of them. Beside them,
// objects for the admin operations to act on: a backend on the simulator, an API key, a console
// user, a finished and a running load test. Everything is made through the real services (rows
// are written directly only for load tests, whose runs would otherwise call the network, and by
// the test helpers for console users and keys), so a call meets the objects a deployment has.
import { getAuth } from "../auth/auth";
import { getDb } from "../db/client";
import { env } from "../env";
import { createVectorStoreInputSchema } from "../schemas/knowledge";
import type { Actor } from "../services/access/actor";
import { createAlertDestination } from "../services/alerts/create-alert-destination";
import { createAlertRule } from "../services/alerts/create-alert-rule";
import { createApiKey } from "../services/api-keys/create-api-key";
import { uploadFiles } from "../services/knowledge/files/upload-files";
import { responseIdOf } from "../services/openai-facade/responses/stored-response";
import { askAssistant } from "../services/runtime/ask-assistant";
import { createVectorStore } from "../services/knowledge/vector-stores/create-vector-store";
import { createSession } from "../services/sessions/create-session";
import { createUser } from "../services/users/create-user";
import { authenticateWidget } from "../services/widget/authenticate-widget";
import { updateWidget } from "../services/widget/update-widget";
import { newWidgetSessionId, signWidgetToken, WIDGET_TOKEN_TTL_MS } from "../services/widget/widget-token";
import type { SimulatorHandle } from "../simulator/start-simulator";
import { bearer, createKeyActor, createUserActor, master } from "../test/actors";
import { createChatAssistant, registerSimulatorBackend } from "../test/chat";
import { HANDBOOK_MD, PRICING_MD, stageFile } from "../test/knowledge";
import { TEST_MASTER_KEY } from "../test/test-env";
import { LEVEL_RESULT } from "../test/loadtests";

export const ASSISTANT_A = "asst-a";
export const ASSISTANT_B = "asst-b";

/** The site A's widget is embedded on. */
const WIDGET_SITE = "https://shop.example.com";

/** The objects of one assistant that operations name in their path or input. */
export interface Target {
  assistantId: string;
  sessionId: string;
  /** The answer in the session (rated, then its rating withdrawn). */
  answerId: string;
  /** In the vector store: read, removed from the store, then deleted. */
  fileId: string;
  /** Not in the vector store: the one added to it. */
  otherFileId: string;
  vectorStoreId: string;
}

export interface World {
  a: Target;
  b: Target;
  backendId: string;
  /** The simulator's URL, for a second backend. */
  backendBaseUrl: string;
  apiKeyId: string;
  /** An alert rule added (not a built-in one, so that it can be deleted). */
  alertRuleId: string;
  /** An alert webhook at a reserved address, which no delivery may reach (refused at once). */
  alertDestinationId: string;
  userId: string;
  /** Finished: read, reported on. */
  loadTestId: string;
  /** Running (on another replica, as far as this process knows): stopped; keeps a start refused. */
  runningLoadTestId: string;
  /** A token A's widget page hands its iframe. */
  widgetToken: string;
  /** An answer in A's session, as the Responses API names it (`resp_...`). */
  responseId: string;
}

/**
 * The target an operation gets when it names assistant A but objects of B: a caller allowed on A
 * must not reach B's session, files or stores through A's path (broken object level authorization).
 */
export function crossTarget(world: World): Target {
  return { ...world.b, assistantId: world.a.assistantId };
}

async function seedAssistant(id: string): Promise<Target> {
  await createChatAssistant(id);
  const session = await createSession(master, id, { user: "visitor-1" });
  const answer = await askAssistant(
    master,
    id,
    { message: "How many days of holiday do I get?", session_id: session.id, reasoning: false },
    AbortSignal.timeout(30_000),
  );
  // Not ingested: the files stay queued (no worker runs in tests), which every operation accepts;
  // ingesting them would cost seconds per world and test nothing about access.
  const staged = await Promise.all([
    stageFile("handbook.md", HANDBOOK_MD),
    stageFile("pricing.md", PRICING_MD),
  ]);
  const [file, otherFile] = await uploadFiles(master, id, { files: staged, fields: {} });
  if (!file || !otherFile) throw new Error("seeding: the upload returned no files");
  const store = await createVectorStore(
    master,
    id,
    createVectorStoreInputSchema.parse({ name: "Policies", file_ids: [file.id] }),
  );
  return {
    assistantId: id,
    sessionId: session.id,
    answerId: answer.message_id,
    fileId: file.id,
    otherFileId: otherFile.id,
    vectorStoreId: store.id,
  };
}

const scenario = {
  endpoint: "stream",
  user_levels: [1],
  duration_seconds: 10,
  requests_per_user: null,
  ramp_up_seconds: 0,
  think_time_ms: 0,
  request_timeout_seconds: 300,
  prompts: { source: "builtin", count: 1 },
  prompt_items: ["a question"],
  sla: { avg_ms: 90_000, p95_ms: null, ttft_ms: null, error_rate: null },
};

async function seedLoadTest(id: string, status: "completed" | "running"): Promise<string> {
  const finished = status === "completed";
  await getDb().loadTestRun.create({
    data: {
      id,
      assistantId: ASSISTANT_A,
      label: id,
      status,
      createdBy: "master_key",
      scenario,
      heartbeatAt: new Date(),
      startedAt: new Date(),
      finishedAt: finished ? new Date() : null,
      servedBy: [{ backend: "sim", model: "gpt-oss-20b", requests: 10, kind: "simulator", simulator: true }],
      levels: {
        create: {
          id: `${id}_0`,
          position: 0,
          users: 1,
          status,
          ...(finished ? { result: LEVEL_RESULT } : {}),
        },
      },
    },
  });
  return id;
}

export async function seedWorld(simulator: SimulatorHandle): Promise<World> {
  const backend = await registerSimulatorBackend(simulator);
  const a = await seedAssistant(ASSISTANT_A);
  const b = await seedAssistant(ASSISTANT_B);
  await updateWidget(master, ASSISTANT_A, { enabled: true, allowed_origins: [WIDGET_SITE] });
  // The token A's widget page hands its iframe on the allowed site (see open-widget.ts).
  const widgetToken = signWidgetToken({
    assistantId: ASSISTANT_A,
    origin: WIDGET_SITE,
    widgetSessionId: newWidgetSessionId(),
    expiresAt: Date.now() + WIDGET_TOKEN_TTL_MS,
  });
  const apiKey = await createApiKey(master, { name: "integration", scope: "runtime", assistant_ids: [] });
  const user = await createUserActor("viewer");
  return {
    a,
    b,
    backendId: backend.id,
    backendBaseUrl: simulator.baseUrl,
    apiKeyId: apiKey.id,
    alertRuleId: (await createAlertRule(master, { kind: "error_rate", threshold: 0.5 })).id,
    alertDestinationId: (
      await createAlertDestination(master, { name: "ops", format: "generic", url: "http://192.0.2.1/hook" })
    ).id,
    userId: user.userId,
    loadTestId: await seedLoadTest("lt_finished", "completed"),
    runningLoadTestId: await seedLoadTest("lt_running", "running"),
    widgetToken,
    responseId: responseIdOf(a.answerId),
  };
}

export const principalNames = [
  "anonymous",
  "widget",
  "runtime key (A)",
  "runtime key (all)",
  "viewer",
  "operator",
  "admin",
  "admin key",
  "master key",
] as const;
export type PrincipalName = (typeof principalNames)[number];

/** A caller as a REST client is: the headers it sends, and the actor the policy should see. */
export interface RestPrincipal {
  name: PrincipalName;
  /** Null for a credential that does not authenticate on the REST API (a widget token). */
  actor: Actor | null;
  headers: Record<string, string>;
}

/** Strong enough for the password rule, which rejects guessable ones. */
export const PASSWORD = "tR7!qXv2#Lm9@Pz4-umber";

/** A console user signed in through better-auth: the cookie a browser would send back. */
async function signedInUser(role: "viewer" | "operator" | "admin"): Promise<RestPrincipal> {
  const creator = await createUserActor("admin");
  const email = `${role}@matrix.example.test`;
  const user = await createUser(creator, { name: `Matrix ${role}`, email, password: PASSWORD, role });
  const signIn = await getAuth().api.signInEmail({
    body: { email, password: PASSWORD },
    returnHeaders: true,
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  // As the console's own pages send them: same origin as the public URL the requests go to.
  const headers = { cookie, origin: env.publicUrl, "sec-fetch-site": "same-origin" };
  return { name: role, actor: { kind: "user", userId: user.id, email, role }, headers };
}

async function keyPrincipal(
  name: PrincipalName,
  scope: "admin" | "runtime",
  assistantIds: string[] = [],
): Promise<RestPrincipal> {
  const { secret, actor } = await createKeyActor(scope, assistantIds);
  return { name, actor, headers: bearer(secret) };
}

export async function restPrincipal(name: PrincipalName, world: World): Promise<RestPrincipal> {
  switch (name) {
    case "anonymous":
      return { name, actor: { kind: "anonymous" }, headers: {} };
    case "widget":
      // The widget has its own embed endpoints; its token is no credential anywhere else.
      return { name, actor: null, headers: bearer(world.widgetToken) };
    case "runtime key (A)":
      return keyPrincipal(name, "runtime", [ASSISTANT_A]);
    case "runtime key (all)":
      return keyPrincipal(name, "runtime");
    case "viewer":
    case "operator":
    case "admin":
      return signedInUser(name);
    case "admin key":
      return keyPrincipal(name, "admin");
    case "master key":
      return { name, actor: master, headers: bearer(TEST_MASTER_KEY) };
  }
}

/** A caller as tRPC sees it: the actor the context resolved (keys and users backed by rows). */
export async function trpcActor(name: PrincipalName, world: World): Promise<Actor> {
  switch (name) {
    case "anonymous":
      return { kind: "anonymous" };
    case "widget": {
      const caller = await authenticateWidget(ASSISTANT_A, {
        token: world.widgetToken,
        origin: env.publicUrl,
        host: new URL(env.publicUrl).host,
      });
      return caller.actor;
    }
    case "runtime key (A)":
      return (await createKeyActor("runtime", [ASSISTANT_A])).actor;
    case "runtime key (all)":
      return (await createKeyActor("runtime")).actor;
    case "viewer":
    case "operator":
    case "admin":
      return createUserActor(name);
    case "admin key":
      return (await createKeyActor("admin")).actor;
    case "master key":
      return master;
  }
}
