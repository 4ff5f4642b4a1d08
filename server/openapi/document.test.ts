import { describe, expect, test } from "vitest";
import type { EndpointSpec } from "../http/endpoint";
import { allEndpoints } from "../http/endpoints";
import { getOpenApiDocument } from "./document";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const doc = JSON.parse(JSON.stringify(getOpenApiDocument())) as JsonObject;
const paths = doc.paths as Record<string, Record<string, JsonObject>>;
const endpoints = allEndpoints as EndpointSpec[];
const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every value in the document, with its JSON pointer. */
function* walk(value: Json, pointer = "#"): Generator<[string, Json]> {
  yield [pointer, value];
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      yield* walk(child, `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
    }
  }
}

function resolve(ref: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const raw of ref.replace(/^#\//, "").split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = node && typeof node === "object" && !Array.isArray(node) ? node[key] : undefined;
  }
  return node;
}

const operations = () =>
  Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );

describe("the OpenAPI document", () => {
  test("is OpenAPI 3.1 with the required top-level fields", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Hearth API" });
    expect(typeof (doc.info as JsonObject).version).toBe("string");
    expect(doc.components).toMatchObject({
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
    });
  });

  test.each(endpoints.map((spec) => [spec.method.toUpperCase(), spec.path, spec] as const))(
    "documents %s %s",
    (_method, path, spec) => {
      const operation = paths[path]?.[spec.method];
      expect(operation).toBeDefined();
      expect(operation?.summary).toBe(spec.summary);
      expect(operation?.security).toEqual(spec.auth === "public" ? [] : [{ bearerAuth: [] }]);
      const success = String(spec.status ?? 200);
      expect(Object.keys(operation?.responses as JsonObject)).toContain(success);
      expect(Object.keys(operation?.responses as JsonObject)).toContain("500");
      if (spec.body) expect(operation?.requestBody).toBeDefined();
    },
  );

  test("has nothing that is not an endpoint spec", () => {
    const documented = operations()
      .map(({ path, method }) => `${method} ${path}`)
      .sort();
    const specified = endpoints.map((spec) => `${spec.method} ${spec.path}`).sort();
    expect(documented).toEqual(specified);
  });

  test("every admin endpoint requires the bearer key", () => {
    const admin = operations().filter(({ path }) => path.startsWith("/admin/"));
    expect(admin.length).toBeGreaterThan(0);
    for (const { operation } of admin) expect(operation.security).toEqual([{ bearerAuth: [] }]);
  });

  test("operation ids are unique", () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("every path parameter is declared, required, in the path", () => {
    for (const { path, operation } of operations()) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = ((operation.parameters ?? []) as JsonObject[])
        .map((parameter) => (parameter.$ref ? (resolve(parameter.$ref as string) as JsonObject) : parameter))
        .filter((parameter) => parameter.in === "path");
      expect(declared.map((parameter) => parameter.name).sort(), path).toEqual(names.sort());
      for (const parameter of declared) expect(parameter.required, path).toBe(true);
    }
  });

  test("every response has a description, and every error response uses the Error schema", () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, JsonObject>)) {
        expect(response.description, `${method} ${path} ${status}`).toEqual(expect.any(String));
        if (Number(status) >= 400) {
          expect(JSON.stringify(response.content), `${method} ${path} ${status}`).toContain(
            '"$ref":"#/components/schemas/Error"',
          );
        }
      }
    }
  });

  test("every $ref resolves to a component", () => {
    const refs = [...walk(doc)]
      .filter(([pointer]) => pointer.endsWith("/$ref"))
      .map(([, ref]) => ref as string);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).toMatch(
        /^#\/components\/(schemas|parameters|responses|requestBodies|securitySchemes)\//,
      );
      expect(resolve(ref), ref).toBeDefined();
    }
  });

  test("component names are valid and every schema component is used", () => {
    const schemas = Object.keys((doc.components as JsonObject).schemas as JsonObject);
    const text = JSON.stringify(doc);
    for (const name of schemas) {
      expect(name).toMatch(/^[a-zA-Z0-9._-]+$/);
      expect(text, name).toContain(`"#/components/schemas/${name}"`);
    }
  });

  test("API keys are documented with their prefix, never their hash", () => {
    const schemas = (doc.components as JsonObject).schemas as Record<string, { properties: JsonObject }>;
    expect(Object.keys(schemas.ApiKey?.properties ?? {})).toContain("prefix");
    expect(Object.keys(schemas.ApiKey?.properties ?? {})).not.toContain("hash");
    expect(Object.keys(schemas.CreatedApiKey?.properties ?? {})).not.toContain("hash");
  });
});
