// A real HTTP server in front of Next.js route handlers, for tests whose client must go over
// the network (the load test's virtual users): each request becomes a web Request for the
// handler of the first matching path pattern, and its Response is streamed back unbuffered.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { installPeerAddressHook } from "../http/client-address";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

export interface Route {
  /** A path with `{name}` segments, e.g. `/assistants/{assistant_id}/ask`. */
  path: string;
  handlers: Partial<Record<string, Handler>>;
}

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

function matcher(path: string): RegExp {
  const source = path.replace(/\{(\w+)\}/g, (_, name: string) => `(?<${name}>[^/]+)`);
  return new RegExp(`^${source}$`);
}

async function dispatch(
  routes: { pattern: RegExp; route: Route }[],
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
  const found = routes.find(({ pattern }) => pattern.test(url.pathname));
  const handler = found?.route.handlers[req.method ?? "GET"];
  if (!found || !handler) {
    res.writeHead(404).end();
    return;
  }
  const params = Object.fromEntries(
    Object.entries(found.pattern.exec(url.pathname)?.groups ?? {}).map(([key, value]) => [
      key,
      decodeURIComponent(value),
    ]),
  );
  // A client that goes away aborts the request, as Next does.
  const aborter = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborter.abort();
  });
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: aborter.signal,
    ...(hasBody ? { duplex: "half" } : {}),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

export async function startRouteServer(routeList: Route[]): Promise<RouteServer> {
  // As instrumentation.ts does for Next's server: handlers learn the client address of the socket.
  installPeerAddressHook();
  const routes = routeList.map((route) => ({ pattern: matcher(route.path), route }));
  const server = createServer((req, res) => {
    dispatch(routes, req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
