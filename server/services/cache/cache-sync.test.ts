// Read caches across replicas on a PostgreSQL server: a forget here is published on the channel
// (and published again a second later), and a notice from another replica makes this one reload
// the entry; its own notices are not applied twice, and malformed ones are ignored.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { getPool } from "../../db/client";
import { closeNotifications } from "../../db/notifications";
import { replicaId } from "../cluster/replica";
import { CACHE_CHANNEL, startCacheSync } from "./cache-sync";
import { createReadCache, setForgetPublisher } from "./read-cache";

const onServer = inject("databaseKind") === "postgres";
let observer: pg.Client;
const heard: string[] = [];

beforeAll(async () => {
  if (!onServer) return;
  await startCacheSync();
  observer = new pg.Client({ connectionString: inject("databaseUrl") });
  await observer.connect();
  observer.on("notification", (message) => heard.push(message.payload ?? ""));
  await observer.query(`LISTEN ${CACHE_CHANNEL}`);
});

afterAll(async () => {
  setForgetPublisher(undefined);
  await observer?.end();
  await closeNotifications();
});

const until = async (check: () => boolean, ms = 3_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
};

describe.runIf(onServer)("read caches across replicas", () => {
  test("a forget is published, then published again a second later", async () => {
    heard.length = 0;
    createReadCache<string>("sync-test-a").forget("k1");
    expect(await until(() => heard.length >= 1, 500)).toBe(true);
    expect(JSON.parse(heard[0]!)).toEqual({ from: replicaId(), name: "sync-test-a", key: "k1" });
    expect(await until(() => heard.length >= 2, 2_500)).toBe(true);
  });

  test("another replica's notice makes this one reload; malformed notices change nothing", async () => {
    const cache = createReadCache<string>("sync-test-b");
    let loads = 0;
    const load = async () => `value ${++loads}`;
    expect(await cache.get("k", load)).toBe("value 1");
    expect(await cache.get("k", load)).toBe("value 1");
    const notify = (payload: string) => getPool().query("SELECT pg_notify($1, $2)", [CACHE_CHANNEL, payload]);
    await notify("not json");
    await notify(JSON.stringify({ from: "another-replica", name: "sync-test-b", key: "k" }));
    expect(await until(() => false, 300)).toBe(false);
    expect(await cache.get("k", load)).toBe("value 2");
  });
});
