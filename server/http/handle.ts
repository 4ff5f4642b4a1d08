// The HTTP edge: builds a Next.js route handler from an endpoint spec, for every kind of answer.
// It takes the request id (proxy.ts's, or the caller's, or a fresh one), resolves the caller (an
// API key or console session, the widget's token, or nobody), validates path, query, JSON body and
// multipart fields with the spec's schemas, calls `run`, and answers what it returns: a JSON value
// shaped by the response schema (so nothing outside the documented shape, such as a secret, can
// leak), or Server-Sent Events or a text body (reply.ts). A failure is the REST error body
// (error-response.ts), or a visitor's on the widget's endpoints (widget-response.ts). Staged
// uploads are removed once the request is answered; every request is counted in the metrics under
// its route template and traced (trace-route.ts). The methods a route does not serve are answered
// by method-not-allowed.ts.
import path from "node:path";
import type { z } from "zod";
import { resolveActor } from "../auth/resolve-actor";
import { env } from "../env";
import { AppError } from "../errors";
import { anonymous, type Actor, type RequestOrigin } from "../services/access/actor";
import {
  authenticateWidget,
  type WidgetActor,
  type WidgetCaller,
} from "../services/widget/authenticate-widget";
import { observeHttpRequest } from "../services/observability/metrics";
import { clientAddressOf } from "./client-address";
import type { EndpointSpec } from "./endpoint";
import { failureResponse, invalidInput } from "./error-response";
import { receiveMultipart, type MultipartUpload, type StagedFile } from "./multipart";
import { readJsonBody } from "./read-json-body";
import { isReply, writeReply, type Reply } from "./reply";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id";
import { assertSameOriginForCookies } from "./same-origin";
import { assertStorableInput } from "./storable-input";
import { traceRoute } from "./trace-route";
import { visitorFailureResponse } from "./widget-response";
import { widgetRequestOf } from "./widget-request";

type Part<S, K extends string> = S extends Record<K, infer T extends z.ZodType> ? z.output<T> : undefined;
type IsWidget<S> = S extends { auth: "widget" } ? true : false;

/** The multipart parts that carry files; the form's other parts are its text fields. */
const FILE_FIELDS = ["file", "files"] as const;
type FormFields<S> = S extends { multipart: infer F extends z.ZodObject }
  ? Omit<z.output<F>, (typeof FILE_FIELDS)[number]>
  : never;

/** A multipart upload as `run` gets it: files staged on disk, text fields validated. */
export interface Upload<Fields> {
  files: StagedFile[];
  fields: Fields;
}

export interface HandlerInput<S extends EndpointSpec> {
  actor: IsWidget<S> extends true ? WidgetActor : Actor;
  /** On widget endpoints: the visitor's widget (its settings) with its actor. */
  caller: IsWidget<S> extends true ? WidgetCaller : undefined;
  params: Part<S, "params">;
  query: Part<S, "query">;
  body: Part<S, "body">;
  /** For endpoints with `multipart`, when the request is multipart. */
  upload: Upload<FormFields<S>> | undefined;
  /** The address limits and the audit log count by (client-address.ts). */
  clientAddress: string;
  request: Request;
  requestId: string;
}

/** What `run` answers: a JSON value of the response schema, or another kind of body (reply.ts). */
export type Answer<S extends EndpointSpec> = z.input<S["response"]> | Reply;

export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;
/** A route handler, with the spec it serves (the methods a route serves are read from it). */
export type EndpointHandler<S extends EndpointSpec = EndpointSpec> = RouteHandler & { readonly spec: S };

/** How each kind of caller is answered: integrations get the REST error body, visitors theirs. */
const audiences = {
  api: { fail: failureResponse, headers: {} },
  // A visitor's answers carry their widget tokens and conversation: never kept by a cache.
  visitor: { fail: visitorFailureResponse, headers: { "cache-control": "no-store" } },
};
const audienceOf = (spec: EndpointSpec) => (spec.auth === "widget" ? audiences.visitor : audiences.api);

const isMultipart = (request: Request) =>
  /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, where);
  return result.data;
}

type StagedForm = Upload<unknown> & Pick<MultipartUpload, "cleanup">;

const formFieldSchemas = new WeakMap<z.ZodObject, z.ZodObject>();

/** The form's text fields: the spec's multipart schema without its file parts. */
function fieldsOf(form: z.ZodObject): z.ZodObject {
  let fields = formFieldSchemas.get(form);
  if (!fields) {
    const files: Partial<Record<(typeof FILE_FIELDS)[number], true>> = {};
    for (const name of FILE_FIELDS) if (name in form.shape) files[name] = true;
    fields = form.omit(files);
    formFieldSchemas.set(form, fields);
  }
  return fields;
}

/**
 * Streams the upload's files to disk, then validates its text fields as a JSON body's would be
 * (`body.<field>`). Removes what it staged if that fails; otherwise the caller does.
 */
async function receiveForm(form: z.ZodObject, request: Request): Promise<StagedForm> {
  const upload = await receiveMultipart(
    request,
    {
      maxFileBytes: env.HEARTH_MAX_UPLOAD_BYTES,
      maxFiles: env.HEARTH_MAX_UPLOAD_FILES,
      fileFields: FILE_FIELDS,
    },
    path.join(env.dataDir, "tmp", "uploads"),
  );
  try {
    assertStorableInput(upload.fields, "body");
    return { ...upload, fields: parseWith(fieldsOf(form), upload.fields, "body") };
  } catch (error) {
    await upload.cleanup();
    throw error;
  }
}

/**
 * The caller, checked before any input: one without credentials gets 401 rather than hints about
 * the schema. Public endpoints (health probes) ignore credentials; widget endpoints take the
 * widget's token for the assistant of their path.
 */
async function resolveCaller(
  spec: EndpointSpec,
  request: Request,
  rawParams: Record<string, unknown>,
  via: RequestOrigin,
): Promise<{ actor: Actor; caller?: WidgetCaller }> {
  if (spec.auth === "public") return { actor: { ...anonymous, via } };
  if (spec.auth === "widget") {
    const caller = await authenticateWidget(String(rawParams.assistant_id), widgetRequestOf(request, via));
    return { actor: caller.actor, caller };
  }
  const actor: Actor = { ...(await resolveActor(request.headers)), via };
  if (actor.kind === "anonymous") {
    throw new AppError("UNAUTHORIZED", "Authentication required: send `Authorization: Bearer <api key>`");
  }
  return { actor };
}

/** Resolves the caller and validates path, query, body and form against the spec's schemas. */
async function parseRequest<S extends EndpointSpec>(
  spec: S,
  request: Request,
  context: RouteContext,
  requestId: string,
): Promise<{ input: HandlerInput<S>; staged?: StagedForm }> {
  const rawParams = await context.params;
  const clientAddress = clientAddressOf(request.headers);
  const { actor, caller } = await resolveCaller(spec, request, rawParams, { clientAddress, requestId });
  assertSameOriginForCookies(actor, request);
  const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
  assertStorableInput(rawParams, "path");
  assertStorableInput(rawQuery, "query");
  const params = spec.params ? parseWith(spec.params, rawParams, "path") : undefined;
  const query = spec.query ? parseWith(spec.query, rawQuery, "query") : undefined;
  const multipart = spec.multipart !== undefined && (isMultipart(request) || !spec.body);
  const staged = multipart ? await receiveForm(spec.multipart!, request) : undefined;
  const body =
    spec.body && !multipart
      ? parseWith(spec.body, await readJsonBody(request, env.HEARTH_MAX_BODY_BYTES), "body")
      : undefined;
  const upload = staged && { files: staged.files, fields: staged.fields };
  const input = { actor, caller, params, query, body, upload, clientAddress, request, requestId };
  return { input: input as HandlerInput<S>, staged };
}

/** Shapes a run's result through the spec's response schema into the JSON response. */
function jsonResponse(spec: EndpointSpec, result: unknown, requestId: string): Response {
  const output = spec.response.safeParse(result);
  if (!output.success) {
    throw new Error(`${spec.method} ${spec.path}: response does not match its schema`, {
      cause: output.error,
    });
  }
  return Response.json(output.data, {
    status: spec.statusFor?.(output.data as never) ?? spec.status ?? 200,
    headers: { ...audienceOf(spec).headers, [REQUEST_ID_HEADER]: requestId },
  });
}

/** Counts a request in the metrics under its route template (never the raw path). */
function observeRequest(spec: EndpointSpec, response: Response, startedAt: number): void {
  observeHttpRequest(spec.path, spec.method, response.status, (performance.now() - startedAt) / 1000);
}

export function handle<S extends EndpointSpec>(
  spec: S,
  run: (input: HandlerInput<S>) => Promise<Answer<S>> | Answer<S>,
): EndpointHandler<S> {
  const { fail } = audienceOf(spec);
  const handler = traceRoute(spec, async (request: Request, context: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    let staged: StagedForm | undefined;
    let response: Response | undefined;
    try {
      const parsed = await parseRequest(spec, request, context, requestId);
      staged = parsed.staged;
      const result = await run(parsed.input);
      response = isReply(result)
        ? writeReply(result, request, requestId)
        : jsonResponse(spec, result, requestId);
    } catch (error) {
      response = fail(error, request, requestId);
    } finally {
      // Staged upload files are gone once the request is answered, whatever happened.
      await staged?.cleanup();
    }
    if (spec.cors) {
      response.headers.set("access-control-allow-origin", "*");
      response.headers.set("cache-control", "no-store");
    }
    observeRequest(spec, response, started);
    return response;
  });
  return Object.assign(handler, { spec });
}
