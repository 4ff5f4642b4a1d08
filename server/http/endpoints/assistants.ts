import {
  assistantDeletedSchema,
  assistantIdParamsSchema,
  assistantListSchema,
  assistantSchema,
  createAssistantAutoInputSchema,
  createAssistantInputSchema,
  listAssistantsQuerySchema,
  updateAssistantInputSchema,
} from "../../schemas/assistant";
import { importOpenApiInputSchema, importOpenApiResultSchema } from "../../schemas/assistant-tools";
import { assistantDraftFormSchema, assistantDraftSchema } from "../../schemas/assistant-draft";
import { autoAssistantFormSchema, autoAssistantResultSchema } from "../../schemas/knowledge";
import { defineEndpoint } from "../endpoint";

const tag = "Assistants (admin)";
const read = ["UNAUTHORIZED", "FORBIDDEN"] as const;
const write = [...read, "INVALID_INPUT", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"] as const;

export const createAssistantEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/assistants",
  summary: "Create an assistant with an explicit id",
  tag,
  auth: "admin",
  body: createAssistantInputSchema,
  response: assistantSchema,
  status: 201,
  errors: [...write, "CONFLICT"],
});

export const createAssistantAutoEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/assistants/auto",
  summary: "Create an assistant with a generated id, optionally from files",
  description:
    "The id is the name's slug (`support-handbook`), with a suffix only when that id is taken " +
    "(`support-handbook-2`). Send JSON settings, or multipart/form-data with one or more `file` parts (and " +
    "optional `name`, `description`, `instructions`, `model`, `suggested_questions` and `id` fields, as " +
    "POST /admin/assistants/auto/draft proposes them): the assistant is created with a vector store built from " +
    "the files, and a name and description drafted from the documents' titles and headings when not given. A " +
    "bad file refuses the whole request and creates nothing; a given `id` that is taken is a 409.",
  tag,
  auth: "admin",
  body: createAssistantAutoInputSchema,
  multipart: autoAssistantFormSchema,
  response: autoAssistantResultSchema,
  status: 201,
  errors: [...write, "CONFLICT"],
});

export const draftAssistantEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/assistants/auto/draft",
  summary: "Preview files and draft an assistant from them, storing nothing",
  description:
    "multipart/form-data with one or more `file` parts, judged as an upload judges them (415 for an unsupported " +
    "type, 400 for an empty or unreadable document, 413 over the size limit). Each file is parsed and chunked " +
    "as ingestion will: the answer shows its title, headings, the start of its text and its first chunks. The " +
    "name, id, description, instructions and three suggested questions are drafted by a connected model " +
    "(`drafted_by: model`), else from the documents' titles and headings (`drafted_by: headings`). Send the " +
    "fields you keep to POST /admin/assistants/auto with the same files.",
  tag,
  auth: "admin",
  multipart: assistantDraftFormSchema,
  response: assistantDraftSchema,
  errors: [...write],
});

export const listAssistantsEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/assistants",
  summary: "List assistants",
  description: "Newest first, paginated with `limit` and `cursor`; filter by `enabled`, search with `q`.",
  tag,
  auth: "admin",
  query: listAssistantsQuerySchema,
  response: assistantListSchema,
  errors: [...read, "INVALID_INPUT"],
});

export const getAssistantEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/assistants/{assistant_id}",
  summary: "Get an assistant",
  tag,
  auth: "admin",
  params: assistantIdParamsSchema,
  response: assistantSchema,
  errors: [...read, "INVALID_INPUT", "NOT_FOUND"],
});

export const updateAssistantEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/assistants/{assistant_id}",
  summary: "Update an assistant (partial)",
  description: "Only the fields given change; nested objects (generation, rag, sla) merge field by field.",
  tag,
  auth: "admin",
  params: assistantIdParamsSchema,
  body: updateAssistantInputSchema,
  response: assistantSchema,
  errors: [...write, "NOT_FOUND"],
});

export const enableAssistantEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/assistants/{assistant_id}/enable",
  summary: "Enable an assistant",
  tag,
  auth: "admin",
  params: assistantIdParamsSchema,
  response: assistantSchema,
  errors: [...read, "INVALID_INPUT", "NOT_FOUND"],
});

export const disableAssistantEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/assistants/{assistant_id}/disable",
  summary: "Disable an assistant",
  description:
    "A disabled assistant keeps its data and refuses runtime requests with 409 `ASSISTANT_DISABLED`.",
  tag,
  auth: "admin",
  params: assistantIdParamsSchema,
  response: assistantSchema,
  errors: [...read, "INVALID_INPUT", "NOT_FOUND"],
});

export const deleteAssistantEndpoint = defineEndpoint({
  method: "delete",
  path: "/admin/assistants/{assistant_id}",
  summary: "Delete an assistant and everything that belongs to it",
  tag,
  auth: "admin",
  params: assistantIdParamsSchema,
  response: assistantDeletedSchema,
  errors: [...read, "INVALID_INPUT", "NOT_FOUND"],
});

export const importOpenApiToolsEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/tools/import-openapi",
  summary: "HTTP tools from an OpenAPI document",
  description:
    "Turns the operations of an OpenAPI 3.0 or 3.1 document into HTTP tools for an assistant's `tools` (nothing is " +
    "saved). Only the document's own `#/` references are followed: no file is read and no URL fetched. Operations " +
    "a tool cannot call (a required header or cookie, a body that is not a JSON object) are listed in `skipped`.",
  tag,
  auth: "admin",
  body: importOpenApiInputSchema,
  response: importOpenApiResultSchema,
  errors: [...write],
});
