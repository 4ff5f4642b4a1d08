// PostgreSQL LISTEN/NOTIFY between replicas: one dedicated connection per process listens on the
// channels subscribed to (a pooled connection cannot: LISTEN belongs to its session), and any
// statement may NOTIFY through the pool. A lost connection is reopened with a back-off, and every
// subscriber is told (`onReconnect`), since notifications sent meanwhile are gone. Used by cluster
// admission (a slot freed on one replica wakes the queues of all) and by the read caches (a change
// on one replica reaches the others at once).
import pg from "pg";
import { env } from "../env";
import { logger } from "../logger";

type Listener = (payload: string) => void;

interface NotificationHub {
  client: pg.Client | null;
  connecting: Promise<void> | null;
  listeners: Map<string, Set<Listener>>;
  reconnectListeners: Set<() => void>;
  retryMs: number;
  closed: boolean;
}

const globals = globalThis as unknown as { hearthNotifications?: NotificationHub };

function hub(): NotificationHub {
  globals.hearthNotifications ??= {
    client: null,
    connecting: null,
    listeners: new Map(),
    reconnectListeners: new Set(),
    retryMs: 250,
    closed: false,
  };
  return globals.hearthNotifications;
}

const quoteChannel = (channel: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  return `"${channel}"`;
};

function connect(state: NotificationHub): Promise<void> {
  state.connecting ??= (async () => {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    client.on("notification", (message) => {
      for (const listener of state.listeners.get(message.channel) ?? []) listener(message.payload ?? "");
    });
    client.on("error", (error) => {
      logger.warn({ err: error }, "the notification connection failed; reconnecting");
      dropAndRetry(state, client);
    });
    client.on("end", () => dropAndRetry(state, client));
    await client.connect();
    for (const channel of state.listeners.keys()) await client.query(`LISTEN ${quoteChannel(channel)}`);
    state.client = client;
    state.retryMs = 250;
  })().finally(() => {
    state.connecting = null;
  });
  return state.connecting;
}

function dropAndRetry(state: NotificationHub, client: pg.Client): void {
  if (state.client !== client && state.client !== null) return;
  state.client = null;
  client.removeAllListeners("end");
  void client.end().catch(() => undefined);
  if (state.closed) return;
  const delay = state.retryMs;
  state.retryMs = Math.min(state.retryMs * 2, 10_000);
  setTimeout(() => {
    connect(state).then(
      () => {
        for (const listener of state.reconnectListeners) listener();
      },
      (error: unknown) => {
        logger.warn({ err: error }, "could not reopen the notification connection");
        dropAndRetry(state, client);
      },
    );
  }, delay).unref();
}

/** Calls `listener` with each payload NOTIFY sends on `channel`; resolves once listening. */
export async function listen(channel: string, listener: Listener, onReconnect?: () => void): Promise<void> {
  const state = hub();
  state.closed = false;
  const known = state.listeners.get(channel);
  if (known) known.add(listener);
  else state.listeners.set(channel, new Set([listener]));
  if (onReconnect) state.reconnectListeners.add(onReconnect);
  if (!state.client) await connect(state);
  else if (!known) await state.client.query(`LISTEN ${quoteChannel(channel)}`);
}

/** Stops listening and closes the connection (tests, shutdown). */
export async function closeNotifications(): Promise<void> {
  const state = globals.hearthNotifications;
  if (!state) return;
  state.closed = true;
  const client = state.client;
  state.client = null;
  state.listeners.clear();
  state.reconnectListeners.clear();
  globals.hearthNotifications = undefined;
  if (client) {
    client.removeAllListeners("end");
    await client.end().catch(() => undefined);
  }
}
