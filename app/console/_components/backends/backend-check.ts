// The backend form's connection test: what to send to `backends.check` (which key, if any), how to
// say what came back, and how a served model goes into or out of the form's comma-separated list.
import type { BackendCheckDto, BackendDto, CheckBackendInput } from "@/server/schemas/backend";
import { commaListField } from "../../_lib/comma-list";

type CheckFormState = {
  baseUrl: string;
  /** The key typed in the form, if any. */
  apiKey: string;
  removeKey: boolean;
  /** The backend being edited; absent when adding one. */
  backend?: BackendDto;
};

/**
 * The check's input. A typed key is sent as it is; otherwise an existing backend's stored key is
 * used (through its id), but only at its own URL: a stored key is never sent to a new address.
 */
export function checkInputFor({ baseUrl, apiKey, removeKey, backend }: CheckFormState): CheckBackendInput {
  const base_url = baseUrl.trim();
  const key = apiKey.trim();
  if (key) return { base_url, api_key: key };
  if (backend?.has_api_key && !removeKey && base_url === backend.base_url)
    return { base_url, backend_id: backend.id };
  return { base_url };
}

/** One sentence for the status line. */
export function checkSummary(check: BackendCheckDto): string {
  if (!check.ok) return `Could not connect: ${check.error ?? "no usable answer"}`;
  const time = check.latency_ms === null ? "Connected" : `Connected in ${check.latency_ms} ms`;
  return check.models.length > 0
    ? `${time} — serves: ${check.models.join(", ")}`
    : `${time} — it lists no models`;
}

/** The list with the model added at the end, or removed if it was there. */
export function toggleModel(list: string, model: string): string {
  const items = commaListField.parse(list);
  const next = items.includes(model) ? items.filter((item) => item !== model) : [...items, model];
  return next.join(", ");
}
