import { describe, expect, test } from "vitest";
import type { HttpToolDto } from "@/server/schemas/assistant-tools";
import { formErrorMap } from "../../_lib/form-errors";
import {
  addLabel,
  chosenTools,
  firstLine,
  importChoices,
  importedToolValues,
  importRequest,
  initialSelection,
  placeRefusal,
  selectionProblem,
} from "./openapi-import-choices";
import { newTool, toolsField, toToolFormValues } from "./tool-form-schema";

const getOrder: HttpToolDto = {
  type: "http",
  name: "getOrder",
  description: "An order\n\nStatus, items and delivery date.",
  method: "GET",
  url: "https://eu.shop.example/api/orders/{number}",
  parameters: {
    type: "object",
    properties: { number: { type: "string" }, expand: { type: "boolean" } },
    required: ["number"],
  },
  headers: {},
  timeout_ms: 10_000,
  max_response_bytes: 65_536,
};

const createOrder: HttpToolDto = {
  ...getOrder,
  name: "createOrder",
  description: "",
  method: "POST",
  url: "https://eu.shop.example/api/orders",
  parameters: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] },
};

describe("the import's request", () => {
  test("the document as typed; a blank base URL left out, another trimmed", () => {
    expect(importRequest("openapi: 3.1.0\n", "  ")).toEqual({ input: { document: "openapi: 3.1.0\n" } });
    expect(importRequest("{}", " https://api.example.com/v1 ")).toEqual({
      input: { document: "{}", base_url: "https://api.example.com/v1" },
    });
  });

  test("a blank document, or a base URL the server would refuse, is refused on its field", () => {
    expect(importRequest(" \n", "")).toEqual({
      refusal: { field: "document", message: "Paste an OpenAPI document, JSON or YAML" },
    });
    expect(importRequest("{}", "ftp://files.example.com")).toEqual({
      refusal: { field: "base_url", message: "must be an http:// or https:// URL" },
    });
    expect(importRequest("{}", "https://user:secret@api.example.com")).toEqual({
      refusal: {
        field: "base_url",
        message: "must not hold a user name or password: send credentials as secret_headers",
      },
    });
  });
});

describe("where a refusal shows", () => {
  test("a refused base URL on its field, any other refused input on the document", () => {
    const message = "Invalid base_url: must be an http:// or https:// URL";
    expect(
      placeRefusal("INVALID_INPUT", message, [
        { path: "base_url", message: "must be an http:// or https:// URL" },
      ]),
    ).toEqual({ field: "base_url", message: "must be an http:// or https:// URL" });
    const refused = "document: only OpenAPI 3.0 and 3.1 documents can be imported";
    expect(placeRefusal("INVALID_INPUT", refused, [])).toEqual({ field: "document", message: refused });
  });

  test("anything else above the fields", () => {
    expect(placeRefusal("FORBIDDEN", "Not allowed", [])).toEqual({ field: null, message: "Not allowed" });
    expect(placeRefusal(undefined, "Failed to fetch", [])).toEqual({
      field: null,
      message: "Failed to fetch",
    });
  });
});

describe("the operations as choices", () => {
  test("a description's first line, blank lines and spaces left out", () => {
    expect(firstLine("\n  An order  \n\nStatus.")).toBe("An order");
    expect(firstLine("")).toBe("");
  });

  test("all checked at first, but one whose name a tool of the form has", () => {
    const choices = importChoices([getOrder, createOrder], ["get_weather", " createOrder "]);
    expect(choices.map(({ tool, summary, alreadyAdded }) => [tool.name, summary, alreadyAdded])).toEqual([
      ["getOrder", "An order", false],
      ["createOrder", "", true],
    ]);
    expect([...initialSelection(choices)]).toEqual(["getOrder"]);
  });

  test("the chosen ones in the document's order; one already added never", () => {
    const choices = importChoices([getOrder, createOrder], ["createOrder"]);
    expect(chosenTools(choices, new Set(["createOrder", "getOrder"])).map((tool) => tool.name)).toEqual([
      "getOrder",
    ]);
    expect(chosenTools(choices, new Set())).toEqual([]);
  });

  test("no more than the form has room for", () => {
    expect(selectionProblem(2, 14)).toBeNull();
    expect(selectionProblem(3, 14)).toBe(
      "An assistant has at most 16 tools, and this one has room for 2 more: uncheck 1.",
    );
    expect(selectionProblem(1, 16)).toBe(
      "An assistant has at most 16 tools, and this one has no room for more: uncheck 1.",
    );
  });

  test("the add button counts the chosen tools", () => {
    expect([0, 1, 3].map(addLabel)).toEqual(["Add tools", "Add 1 tool", "Add 3 tools"]);
  });
});

describe("an imported tool in the form", () => {
  test("a new HTTP tool: its fields as a saved tool's would be, never saved, no secrets", () => {
    const values = importedToolValues(getOrder);
    expect(values).toEqual({
      ...toToolFormValues({ ...getOrder, secret_header_names: [] }),
      saved_name: null,
      secret_headers: newTool("http").secret_headers,
    });
    expect(values).toMatchObject({
      type: "http",
      name: "getOrder",
      method: "GET",
      description: getOrder.description,
      parameters: JSON.stringify(getOrder.parameters, null, 2),
      timeout_s: "10",
      max_response_bytes: "65536",
      headers: [],
    });
  });

  test("validates like any other tool, into what the server proposed", () => {
    const parsed = toolsField.safeParse(
      chosenTools(importChoices([getOrder, createOrder], []), new Set(["getOrder", "createOrder"])),
      {
        error: formErrorMap,
      },
    );
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toEqual([
      { ...getOrder, secret_headers: {} },
      { ...createOrder, secret_headers: {} },
    ]);
  });
});
