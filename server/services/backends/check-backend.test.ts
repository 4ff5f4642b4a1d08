// "Test connection": a served model list comes back; refused, failing and odd servers are said
// plainly; the allowlist applies; a stored key goes only to its own URL; who may test.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import type { AppError } from "../../errors";
import { createUserActor, master } from "../../test/actors";
import { SIM_MODEL, simulatorForFile } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { checkBackend } from "./check-backend";
import { createBackend } from "./create-backend";

const simulator = simulatorForFile();

interface Scripted {
  url: string;
  authorizations: Array<string | undefined>;
  server: Server;
}
let scripted: Scripted | undefined;

async function scriptedServer(status: number, body: string): Promise<Scripted> {
  const authorizations: Array<string | undefined> = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    response.writeHead(status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  scripted = { url: `http://127.0.0.1:${port}/v1`, authorizations, server };
  return scripted;
}

afterEach(async () => {
  await new Promise((resolve) => scripted?.server.close(resolve) ?? resolve(undefined));
  scripted = undefined;
});

describe("checkBackend", () => {
  test("lists the models a server serves, with the time it took", async () => {
    const result = await checkBackend(master, { base_url: simulator().baseUrl });
    expect(result).toMatchObject({ object: "backend.check", ok: true, error: null });
    expect(result.models).toContain(SIM_MODEL);
    expect(result.latency_ms).toBeGreaterThanOrEqual(0);
  });

  test("says why when nothing answers, the key is refused or the answer is not a model list", async () => {
    expect(await checkBackend(master, { base_url: "http://127.0.0.1:9/v1" })).toMatchObject({
      ok: false,
      models: [],
      error: "connection refused",
    });
    const locked = await scriptedServer(401, '{"error":"no"}');
    const refused = await checkBackend(master, { base_url: locked.url, api_key: "sk-wrong" });
    expect(refused).toMatchObject({ ok: false, error: "GET /models answered 401 (check the API key)" });
    expect(JSON.stringify(refused)).not.toContain("sk-wrong");
    await new Promise((resolve) => locked.server.close(resolve));
    const odd = await scriptedServer(200, "<html>hello</html>");
    expect(await checkBackend(master, { base_url: odd.url })).toMatchObject({
      ok: false,
      error: "GET /models did not answer with an OpenAI model list",
    });
  });

  test("the host allowlist applies, as to a saved backend", async () => {
    const error = await rejectionOf<AppError>(
      checkBackend(master, { base_url: "http://169.254.169.254/v1" }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect((await rejectionOf<AppError>(checkBackend(master, { base_url: "http://8.8.8.8/v1" }))).code).toBe(
      "INVALID_INPUT",
    );
  });

  test("a backend's stored key is sent to its own URL only", async () => {
    const server = await scriptedServer(
      200,
      JSON.stringify({ object: "list", data: [{ id: "m1" }, { id: "m1" }] }),
    );
    const backend = await createBackend(master, {
      name: "keyed",
      kind: "openai_compatible",
      base_url: server.url,
      models: ["m1"],
      api_key: "sk-stored",
    });
    const own = await checkBackend(master, { base_url: server.url, backend_id: backend.id });
    expect(own).toMatchObject({ ok: true, models: ["m1"] });
    // Another URL (here the same server, written differently) gets no key.
    const elsewhere = `${server.url}/`;
    await checkBackend(master, { base_url: elsewhere, backend_id: backend.id });
    expect(server.authorizations).toEqual(["Bearer sk-stored", undefined]);
    expect(
      (await rejectionOf<AppError>(checkBackend(master, { base_url: server.url, backend_id: "be_none" })))
        .code,
    ).toBe("NOT_FOUND");
  });

  test("operators may test; viewers may not", async () => {
    const operator = await createUserActor("operator");
    await expect(checkBackend(operator, { base_url: "http://127.0.0.1:9/v1" })).resolves.toMatchObject({
      ok: false,
    });
    const viewer = await createUserActor("viewer");
    expect(
      (await rejectionOf<AppError>(checkBackend(viewer, { base_url: "http://127.0.0.1:9/v1" }))).code,
    ).toBe("FORBIDDEN");
  });
});
