// The HTTP tool against real loopback servers that record what they get: how arguments become the
// URL, query and body, what is sent (secret headers too, but never in a summary), and every way a
// call fails as an outcome the model reads (an error status, a timeout, a cut body, a redirect, a
// host the allowlist refuses, bad arguments), except the question's cancellation, which rejects.
import { afterEach, describe, expect, test } from "vitest";
import { createUserActor } from "../../test/actors";
import { captureServer, type CaptureServer } from "../../test/capture-server";
import { freePort } from "../../test/free-port";
import { rejectionOf } from "../../test/rejection";
import { setHostResolver } from "../gateway/backend-connector";
import { updateInstanceSettings } from "../settings/update-instance-settings";
import { createHttpToolSource } from "./http-tool";
import type { OpenedTool } from "./tool-source";

type HttpTool = OpenedTool & { type: "http" };

const servers: CaptureServer[] = [];

async function server(answer?: Parameters<typeof captureServer>[0]): Promise<CaptureServer> {
  const started = await captureServer(answer);
  servers.push(started);
  return started;
}

afterEach(async () => {
  setHostResolver(null);
  await Promise.all(servers.splice(0).map((started) => started.close()));
});

function httpTool(overrides: Partial<HttpTool> & { url: string }): HttpTool {
  return {
    type: "http",
    name: "lookup",
    description: "Looks things up",
    method: "GET",
    parameters: { type: "object", properties: {} },
    headers: {},
    secret_headers: {},
    timeout_ms: 2_000,
    max_response_bytes: 65_536,
    ...overrides,
  };
}

const call = (tool: HttpTool, args: unknown, signal = new AbortController().signal) =>
  createHttpToolSource(tool).call(tool.name, typeof args === "string" ? args : JSON.stringify(args), signal);

describe("the request", () => {
  test("offers one function: the tool's name, description and parameters", async () => {
    const parameters = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
    const source = createHttpToolSource(httpTool({ url: "http://127.0.0.1:1/x", parameters }));
    expect(source).toMatchObject({ kind: "http", label: "lookup" });
    expect(await source.functions(new AbortController().signal)).toEqual([
      { name: "lookup", description: "Looks things up", parameters },
    ]);
    await source.close();
  });

  test("GET fills path placeholders (encoded) and puts the other arguments in the query", async () => {
    const api = await server((_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end('{"found":true}'),
    );
    const tool = httpTool({ url: `${api.origin}/v1/items/{id}/notes?lang=en` });
    const outcome = await call(tool, {
      id: "a b/c",
      tags: ["x", "y"],
      filter: { max: 3 },
      page: 2,
      skip: null,
    });
    expect(outcome).toEqual({
      ok: true,
      content: '{"found":true}',
      summary: expect.stringMatching(
        /^GET http:\/\/127\.0\.0\.1:\d+\/v1\/items\/a%20b%2Fc\/notes\?.* → 200, 14 B$/,
      ) as string,
    });
    const [sent] = api.requests;
    const url = new URL(sent!.path, api.origin);
    expect(url.pathname).toBe("/v1/items/a%20b%2Fc/notes");
    expect([...url.searchParams]).toEqual([
      ["lang", "en"],
      ["tags", "x"],
      ["tags", "y"],
      ["filter", '{"max":3}'],
      ["page", "2"],
    ]);
    expect(sent!.headers).toMatchObject({
      accept: "application/json, text/plain;q=0.9, */*;q=0.1",
      "user-agent": "Hearth-tool",
    });
    expect(sent!.body).toBe("");
  });

  test("POST sends the arguments left after the placeholders as a JSON body", async () => {
    const api = await server((_request, response) => response.writeHead(201).end("created"));
    const tool = httpTool({ method: "POST", url: `${api.origin}/users/{user}/tickets` });
    const outcome = await call(tool, { user: 42, title: "Broken", labels: ["bug"] });
    expect(outcome).toMatchObject({ ok: true, content: "created" });
    expect(api.requests[0]).toMatchObject({
      method: "POST",
      path: "/users/42/tickets",
      body: '{"title":"Broken","labels":["bug"]}',
      headers: { "content-type": "application/json" },
    });
  });

  test("DELETE puts the arguments in the query; an empty text means no arguments", async () => {
    const api = await server((_request, response) => response.writeHead(204).end());
    const deleted = await call(httpTool({ method: "DELETE", url: `${api.origin}/items` }), { id: "7" });
    expect(deleted.ok).toBe(true);
    expect(deleted.content).toBe("(HTTP 204, empty body)");
    const empty = await call(httpTool({ url: `${api.origin}/items` }), "  ");
    expect(empty.ok).toBe(true);
    expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "DELETE /items?id=7",
      "GET /items",
    ]);
  });

  test("headers and secret headers are sent; a secret never appears in the outcome", async () => {
    const api = await server((request, response) =>
      response.writeHead(500).end(`echo ${String(request.headers["x-api-key"])}`),
    );
    const tool = httpTool({
      url: `${api.origin}/secure`,
      headers: { "X-Team": "blue", Accept: "application/vnd.api+json" },
      secret_headers: { "X-Api-Key": "sk-secret-value" },
    });
    const outcome = await call(tool, {});
    expect(api.requests[0]!.headers).toMatchObject({
      "x-team": "blue",
      "x-api-key": "sk-secret-value",
      accept: "application/vnd.api+json",
    });
    expect(outcome.summary).not.toContain("sk-secret-value");
  });

  test("a user and password in the tool's URL are left out of the summary", async () => {
    const api = await server();
    const outcome = await call(httpTool({ url: `http://admin:hunter2@127.0.0.1:${api.port}/x` }), {});
    expect(outcome.summary).toBe(`GET http://127.0.0.1:${api.port}/x → 200, 2 B`);
  });
});

describe("failures are outcomes", () => {
  test("an error status is not ok and gives the status and the body", async () => {
    const api = await server((_request, response) => response.writeHead(500).end("database is down"));
    const outcome = await call(httpTool({ url: `${api.origin}/x` }), {});
    expect(outcome).toEqual({
      ok: false,
      content: "The server answered HTTP 500:\ndatabase is down",
      summary: `GET ${api.origin}/x → 500, 16 B`,
    });
  });

  test("a slow server times out after timeout_ms", async () => {
    const api = await server(() => undefined); // never answers
    const started = Date.now();
    const outcome = await call(httpTool({ url: `${api.origin}/slow`, timeout_ms: 300 }), {});
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcome).toEqual({
      ok: false,
      content: "The request timed out after 300 ms.",
      summary: `GET ${api.origin}/slow → timed out after 300 ms`,
    });
  });

  test("a body that stops coming in time times out too (the timeout covers the whole call)", async () => {
    const api = await server((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.write("partial"); // and never ends
    });
    const outcome = await call(httpTool({ url: `${api.origin}/drip`, timeout_ms: 300 }), {});
    expect(outcome).toMatchObject({ ok: false, content: "The request timed out after 300 ms." });
  });

  test("a large body is read up to max_response_bytes and cut, saying so", async () => {
    const api = await server((_request, response) => response.writeHead(200).end("x".repeat(200_000)));
    const outcome = await call(httpTool({ url: `${api.origin}/big`, max_response_bytes: 1_000 }), {});
    expect(outcome.ok).toBe(true);
    expect(outcome.content).toBe(`${"x".repeat(1_000)}\n[The response was cut at 1000 bytes.]`);
    expect(outcome.summary).toBe(`GET ${api.origin}/big → 200, 1 kB (cut)`);
  });

  test("a cut never splits a character", async () => {
    const api = await server((_request, response) => response.writeHead(200).end("é".repeat(1_000)));
    const outcome = await call(httpTool({ url: `${api.origin}/accents`, max_response_bytes: 301 }), {});
    expect(outcome.content).toBe(`${"é".repeat(150)}\n[The response was cut at 301 bytes.]`);
  });

  test("a redirect is not followed", async () => {
    const target = await server();
    const redirector = await server((request, response) =>
      response.writeHead(302, { location: `${target.origin}/elsewhere` }).end(),
    );
    const outcome = await call(
      httpTool({ url: `${redirector.origin}/moved`, secret_headers: { authorization: "Bearer sk-x" } }),
      {},
    );
    expect(outcome).toEqual({
      ok: false,
      content: `The server answered HTTP 302: redirected to ${target.origin}/elsewhere, which tools do not follow.`,
      summary: `GET ${redirector.origin}/moved → 302, redirect not followed`,
    });
    expect(target.requests).toEqual([]);
  });

  test("a host the allowlist refuses is not connected to: loopback left out, or a name pointing at metadata", async () => {
    const internal = await server();
    await updateInstanceSettings(await createUserActor("admin"), { backend_allowed_hosts: ["private"] });
    const loopback = await call(httpTool({ url: `${internal.origin}/admin` }), {});
    expect(loopback.ok).toBe(false);
    expect(loopback.content).toMatch(/127\.0\.0\.1 is not in the backend host allowlist/);
    expect(loopback.summary).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/admin → refused: .*127\.0\.0\.1/);

    setHostResolver(async () => [{ address: "169.254.169.254", family: 4 }]);
    const metadata = await call(httpTool({ url: "http://metadata.example.test/latest/meta-data" }), {});
    expect(metadata.ok).toBe(false);
    expect(metadata.content).toMatch(/metadata\.example\.test resolves to 169\.254\.169\.254.*link-local/);
    expect(internal.requests).toEqual([]);
  });

  test("a closed port is a short message, without a stack", async () => {
    const port = await freePort();
    const outcome = await call(httpTool({ url: `http://127.0.0.1:${port}/x` }), {});
    expect(outcome.ok).toBe(false);
    expect(outcome.content).toMatch(/^The request failed: .*ECONNREFUSED/);
    expect(outcome.content).not.toMatch(/\n\s+at /);
    expect(outcome.summary).toMatch(/→ failed: .*ECONNREFUSED/);
  });

  test.each([["not json"], ["[1, 2]"], ["42"], ["null"], ['"text"']])(
    "arguments %s are not a JSON object: nothing is sent",
    async (args) => {
      const api = await server();
      const outcome = await call(httpTool({ url: `${api.origin}/x` }), args);
      expect(outcome.ok).toBe(false);
      expect(outcome.content).toMatch(/not a JSON object/);
      expect(api.requests).toEqual([]);
    },
  );

  test("a missing placeholder, or one that would leave its segment, is named and nothing is sent", async () => {
    const api = await server();
    const tool = httpTool({ url: `${api.origin}/repos/{owner}/{repo}` });
    const missing = await call(tool, { owner: "me" });
    expect(missing).toMatchObject({
      ok: false,
      content: expect.stringMatching(/argument repo is missing/) as string,
    });
    const climbing = await call(tool, { owner: "..", repo: "x" });
    expect(climbing).toMatchObject({ ok: false, content: expect.stringMatching(/argument owner/) as string });
    expect(api.requests).toEqual([]);
  });
});

describe("cancellation", () => {
  test("the caller's signal aborting rejects the call with its reason", async () => {
    const api = await server(() => undefined);
    const controller = new AbortController();
    const reason = new Error("question cancelled");
    setTimeout(() => controller.abort(reason), 50);
    const pending = call(httpTool({ url: `${api.origin}/slow`, timeout_ms: 5_000 }), {}, controller.signal);
    expect(await rejectionOf(pending)).toBe(reason);
    // Already aborted: nothing is sent.
    expect(await rejectionOf(call(httpTool({ url: `${api.origin}/x` }), {}, controller.signal))).toBe(reason);
    expect(api.requests.map((request) => request.path)).toEqual(["/slow"]);
  });
});
