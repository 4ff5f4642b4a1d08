// HTTP tools from OpenAPI documents: how operations map onto tools (placeholders, query or body
// arguments, references), what is skipped and why, the selection of operations, the documents
// refused, and that a document can make Hearth read no file and fetch no URL.
import { afterEach, describe, expect, test } from "vitest";
import { master, userActor } from "../../test/actors";
import { startHttpServer, type LoopbackServer } from "../../test/loopback-servers";
import { rejectionOf } from "../../test/rejection";
import { assistantToolsInputSchema } from "../../schemas/assistant-tools";
import { importOpenApi } from "./import-openapi";

const SHOP_YAML = `
openapi: 3.1.0
info: { title: Shop, version: "1" }
servers:
  - url: https://{region}.shop.example/api
    variables: { region: { default: eu } }
paths:
  /orders/{number}:
    parameters:
      - { name: number, in: path, required: true, schema: { type: string }, description: The order number }
    get:
      operationId: getOrder
      summary: An order
      description: Status, items and delivery date.
      parameters:
        - { name: expand, in: query, schema: { type: boolean } }
    delete:
      operationId: cancel order!
    head:
      operationId: orderExists
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/NewOrder" }
  /orders/search:
    post:
      operationId: searchOrders
      parameters:
        - { name: page, in: query, required: true, schema: { type: integer } }
  /me:
    get:
      operationId: whoAmI
      parameters:
        - { name: X-Session, in: header, required: true, schema: { type: string } }
  /upload:
    put:
      operationId: upload
      requestBody:
        required: true
        content: { text/plain: { schema: { type: string } } }
components:
  schemas:
    NewOrder:
      type: object
      required: [sku]
      properties:
        sku: { type: string }
        quantity: { type: integer, minimum: 1 }
`;

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("an OpenAPI document's operations as HTTP tools", () => {
  test("placeholders, query and body arguments, references resolved; the rest skipped with reasons", async () => {
    const result = await importOpenApi(master, { document: SHOP_YAML });

    expect(result.data.map((tool) => [tool.name, tool.method, tool.url])).toEqual([
      ["getOrder", "GET", "https://eu.shop.example/api/orders/{number}"],
      ["cancel_order", "DELETE", "https://eu.shop.example/api/orders/{number}"],
      ["createOrder", "POST", "https://eu.shop.example/api/orders"],
    ]);
    const [getOrder, , createOrder] = result.data;
    expect(getOrder).toMatchObject({
      description: "An order\n\nStatus, items and delivery date.",
      parameters: {
        type: "object",
        properties: {
          number: { type: "string", description: "The order number" },
          expand: { type: "boolean" },
        },
        required: ["number"],
      },
      headers: {},
      timeout_ms: 10_000,
    });
    expect(createOrder!.parameters).toEqual({
      type: "object",
      properties: { sku: { type: "string" }, quantity: { type: "integer", minimum: 1 } },
      required: ["sku"],
    });
    expect(result.skipped).toEqual([
      { operation: "orderExists", reason: "HEAD is not a tool method" },
      { operation: "searchOrders", reason: "its required query parameter 'page' cannot be sent by a tool" },
      { operation: "whoAmI", reason: "its required header parameter 'X-Session' cannot be sent by a tool" },
      { operation: "upload", reason: "its request body is not JSON" },
    ]);
    // What it proposes is what an assistant's tools take.
    expect(assistantToolsInputSchema.safeParse(result.data).success).toBe(true);
  });

  test("a selection by operationId or method and path; an unknown one is reported", async () => {
    const result = await importOpenApi(master, {
      document: SHOP_YAML,
      operations: ["createOrder", "GET /orders/{number}", "nope"],
    });
    expect(result.data.map((tool) => tool.name)).toEqual(["getOrder", "createOrder"]);
    expect(result.skipped).toEqual([{ operation: "nope", reason: "no such operation in the document" }]);
  });

  test("a relative or missing server URL takes base_url; without one the operations are skipped", async () => {
    const document = {
      openapi: "3.0.3",
      info: { title: "Relative", version: "1" },
      servers: [{ url: "/v2" }],
      paths: { "/ping": { get: { operationId: "ping", responses: { "200": { description: "pong" } } } } },
    };
    const given = await importOpenApi(master, { document, base_url: "http://api.internal:8080/" });
    expect(given.data[0]!.url).toBe("http://api.internal:8080/v2/ping");

    const without = await importOpenApi(master, { document });
    expect(without.data).toEqual([]);
    expect(without.skipped).toEqual([
      { operation: "ping", reason: "the document names no absolute server URL: give base_url" },
    ]);
  });

  test("external references are never followed: no file is read, no URL fetched", async () => {
    const server = await startHttpServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end('{"type":"object"}');
    });
    servers.push(server);
    const document = {
      openapi: "3.1.0",
      info: { title: "Sneaky", version: "1" },
      servers: [{ url: "http://api.internal" }],
      paths: {
        "/a": {
          post: {
            operationId: "a",
            requestBody: {
              content: { "application/json": { schema: { $ref: `${server.origin}/schema.json` } } },
            },
          },
        },
        "/b": {
          post: {
            operationId: "b",
            requestBody: { content: { "application/json": { schema: { $ref: "file:///etc/hostname" } } } },
          },
        },
      },
    };
    const result = await importOpenApi(master, { document }).catch((error: unknown) => error);
    expect(server.seen).toHaveLength(0);
    expect(JSON.stringify(result)).not.toMatch(/"type":"object","properties"/);
  });

  test("a document whose references fan out is refused rather than resolved without end", async () => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < 30; i++) {
      const next = { $ref: `#/components/schemas/S${i + 1}` };
      schemas[`S${i}`] = i === 29 ? { type: "string" } : { type: "object", properties: { a: next, b: next } };
    }
    const document = {
      openapi: "3.1.0",
      info: { title: "Fan-out", version: "1" },
      servers: [{ url: "http://api.internal" }],
      paths: {
        "/x": {
          post: {
            operationId: "x",
            requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/S0" } } } },
            responses: { "200": { description: "ok" } },
          },
        },
      },
      components: { schemas },
    };
    expect((await rejectionOf(importOpenApi(master, { document }))).message).toMatch(/timeout/i);
  });

  test("what is not an OpenAPI 3 document is a 400 that says so; only admins may import", async () => {
    const refused = async (document: string | Record<string, unknown>) =>
      (await rejectionOf(importOpenApi(master, { document }))).message;

    expect(await refused("{ not yaml: [")).toMatch(/not a JSON or YAML object/);
    expect(await refused("- a list")).toMatch(/not a JSON or YAML object/);
    expect(await refused({ swagger: "2.0", info: {}, paths: {} })).toMatch(/only OpenAPI 3.0 and 3.1/);
    expect(await refused({ openapi: "3.1.0", paths: { "/a": { get: "nope" } } })).toMatch(
      /not a valid OpenAPI document/,
    );
    const viewer = await rejectionOf(importOpenApi(userActor("viewer"), { document: SHOP_YAML }));
    expect(viewer).toMatchObject({ code: "FORBIDDEN" });
  });
});
