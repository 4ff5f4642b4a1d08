// What the tools editor's OpenAPI import offers: the request it sends (the base URL checked with the
// server's own rule first), the operations the server proposes as choices (one whose name a tool
// of the form already has is offered unchecked, as "already added"), where a refusal is shown, and
// the chosen operations as new tools of the form, which then validate like any other.
import {
  importOpenApiInputSchema,
  type HttpToolDto,
  type ImportOpenApiInput,
} from "@/server/schemas/assistant-tools";
import type { FieldIssue } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { MAX_TOOLS, newTool, toToolFormValues, type ToolFormValues } from "./tool-form-schema";

export type ImportField = "document" | "base_url";

/** A refusal of the import, on the field it is about (null: above the fields). */
export type ImportRefusal = { field: ImportField | null; message: string };

export type ImportChoice = {
  tool: HttpToolDto;
  /** The description's first line, for the list. */
  summary: string;
  /** A tool of the form already has this name: offered unchecked, and not added. */
  alreadyAdded: boolean;
};

/** The import's input from the dialog's text fields, or what to fix first. */
export function importRequest(
  document: string,
  baseUrl: string,
): { input: ImportOpenApiInput } | { refusal: ImportRefusal } {
  if (document.trim() === "") {
    return { refusal: { field: "document", message: "Paste an OpenAPI document, JSON or YAML" } };
  }
  const base = baseUrl.trim();
  if (base === "") return { input: { document } };
  const checked = importOpenApiInputSchema.shape.base_url.safeParse(base, { error: formErrorMap });
  if (!checked.success) {
    return { refusal: { field: "base_url", message: checked.error.issues[0]?.message ?? "Enter a URL" } };
  }
  return { input: { document, base_url: base } };
}

/**
 * Where the server's refusal shows: a refused base URL on its field; any other refusal of the input
 * is about the document; anything else (the network, permissions) above the fields.
 */
export function placeRefusal(code: string | undefined, message: string, issues: FieldIssue[]): ImportRefusal {
  if (code !== "INVALID_INPUT") return { field: null, message };
  const base = issues.find((issue) => issue.path === "base_url");
  if (base) return { field: "base_url", message: base.message };
  return { field: "document", message };
}

export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find(Boolean) ?? ""
  );
}

/** The proposed tools as choices, against the names of the form's tools. */
export function importChoices(tools: HttpToolDto[], names: string[]): ImportChoice[] {
  const taken = new Set(names.map((name) => name.trim()));
  return tools.map((tool) => ({
    tool,
    summary: firstLine(tool.description),
    alreadyAdded: taken.has(tool.name),
  }));
}

/** The names checked at first: all but those already added. */
export function initialSelection(choices: ImportChoice[]): Set<string> {
  return new Set(choices.filter((choice) => !choice.alreadyAdded).map((choice) => choice.tool.name));
}

/** Why the selection cannot be added to a form holding `count` tools, or null. */
export function selectionProblem(selected: number, count: number): string | null {
  const room = Math.max(0, MAX_TOOLS - count);
  if (selected <= room) return null;
  const left = room === 0 ? "no room for more" : `room for ${room} more`;
  return `An assistant has at most ${MAX_TOOLS} tools, and this one has ${left}: uncheck ${selected - room}.`;
}

export function addLabel(selected: number): string {
  return selected === 0 ? "Add tools" : `Add ${selected} ${selected === 1 ? "tool" : "tools"}`;
}

/** A proposed tool as a new tool of the form: never saved, so no name it was saved under, no secrets. */
export function importedToolValues(tool: HttpToolDto): ToolFormValues {
  return {
    ...toToolFormValues({ ...tool, secret_header_names: [] }),
    saved_name: null,
    secret_headers: newTool("http").secret_headers,
  };
}

/** The chosen tools, in the document's order, as the form adds them. */
export function chosenTools(choices: ImportChoice[], selected: ReadonlySet<string>): ToolFormValues[] {
  return choices
    .filter((choice) => !choice.alreadyAdded && selected.has(choice.tool.name))
    .map((choice) => importedToolValues(choice.tool));
}
