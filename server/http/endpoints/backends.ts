import {
  backendIdParamsSchema,
  backendListSchema,
  backendSchema,
  createBackendInputSchema,
  updateBackendInputSchema,
  backendCheckSchema,
  checkBackendInputSchema,
} from "../../schemas/backend";
import { z } from "zod";
import { defineEndpoint } from "../endpoint";

const tag = "Backends (admin)";
const auth = ["UNAUTHORIZED", "FORBIDDEN"] as const;
const body = ["INVALID_INPUT", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"] as const;

export const listBackendsEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/backends",
  summary: "List model backends",
  tag,
  auth: "admin",
  response: backendListSchema,
  errors: [...auth],
});

export const createBackendEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/backends",
  summary: "Register a model backend",
  description:
    "An OpenAI-compatible server (vLLM, llama.cpp server, Ollama...) or a GGUF file run in-process.",
  tag,
  auth: "admin",
  body: createBackendInputSchema,
  response: backendSchema,
  status: 201,
  errors: [...auth, ...body, "CONFLICT"],
});

export const getBackendEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/backends/{backend_id}",
  summary: "Get a model backend",
  tag,
  auth: "admin",
  params: backendIdParamsSchema,
  response: backendSchema,
  errors: [...auth, "NOT_FOUND"],
});

export const updateBackendEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/backends/{backend_id}",
  summary: "Update a model backend (partial; `enabled: false` disables it)",
  tag,
  auth: "admin",
  params: backendIdParamsSchema,
  body: updateBackendInputSchema,
  response: backendSchema,
  errors: [...auth, ...body, "NOT_FOUND", "CONFLICT"],
});

export const deleteBackendEndpoint = defineEndpoint({
  method: "delete",
  path: "/admin/backends/{backend_id}",
  summary: "Remove a model backend",
  tag,
  auth: "admin",
  params: backendIdParamsSchema,
  response: z.object({ id: z.string(), object: z.literal("backend.deleted"), deleted: z.literal(true) }),
  errors: [...auth, "NOT_FOUND"],
});

export const checkBackendEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/backends/check",
  summary: "Test a backend's connection and list its models",
  description:
    "Asks `GET {base_url}/models` of an OpenAI-compatible server, under the same rules as a saved backend (the " +
    "URL's shape, the backend host allowlist, no redirects), with `api_key` or, given `backend_id`, that " +
    "backend's own key (only to the URL it was saved with). Answers 200 either way: `ok` with the models it " +
    "serves, or why not in `error`. Nothing is stored.",
  tag,
  auth: "admin",
  body: checkBackendInputSchema,
  response: backendCheckSchema,
  errors: [...auth, "NOT_FOUND", ...body],
});
