// A loopback port nothing listens on now (the system picks it), for a server a test or benchmark
// starts next: the S3 test server, the replicas of the multi-replica suite, a benchmarked Hearth.
import { once } from "node:events";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}
