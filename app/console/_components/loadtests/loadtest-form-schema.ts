// The start-load-test form's values and validation. Inputs hold text (user levels comma-separated,
// prompts one per line, SLA targets in the units people think in, blank for "the assistant's
// own"); the schema builds the request from them and checks it with the server's own scenario
// schema, placing each problem on the field it came from. So the form refuses exactly what the
// server would, with the same messages, and the server's answer is placed the same way.
import { z } from "zod";
import {
  DEFAULT_DURATION_SECONDS,
  DEFAULT_USER_LEVELS,
  startLoadTestInputSchema,
  type StartLoadTestRequest,
} from "@/server/schemas/loadtest";
import { formErrorMap } from "../../_lib/form-errors";

export const promptSources = ["builtin", "custom", "sessions"] as const;
export type PromptSource = (typeof promptSources)[number];

const text = z.string();
const fields = startLoadTestInputSchema.shape;

export const loadTestFormSchema = z
  .object({
    assistant_id: text,
    label: text,
    endpoint: fields.endpoint.unwrap(),
    user_levels: text,
    mode: z.enum(["duration", "requests"]),
    amount: text,
    ramp_up_seconds: text,
    think_time_ms: text,
    prompts: z.object({ source: z.enum(promptSources), items: text, limit: text }),
    sla: z.object({ avg_s: text, p95_s: text, ttft_ms: text, error_percent: text }),
  })
  .transform((values, ctx): StartLoadTestRequest => {
    const own = ownIssues(values);
    for (const [field, message] of own) ctx.addIssue({ code: "custom", path: field.split("."), message });
    const request = toStartRequest(values);
    const result = startLoadTestInputSchema.safeParse(request, { error: formErrorMap });
    for (const issue of result.error?.issues ?? []) {
      const placed = fieldError(issue.path.join("."), issue.message);
      // The form's own word on a field (in the field's unit) is clearer than the API's.
      if (placed && own.some(([field]) => field === placed.field)) continue;
      ctx.addIssue({
        code: "custom",
        path: placed ? placed.field.split(".") : ["root"],
        message: placed?.message ?? issue.message,
      });
    }
    return request;
  });

export type LoadTestFormValues = z.input<typeof loadTestFormSchema>;
export type LoadTestFormField =
  | Exclude<keyof LoadTestFormValues, "prompts" | "sla">
  | `prompts.${keyof LoadTestFormValues["prompts"]}`
  | `sla.${keyof LoadTestFormValues["sla"]}`;

export const loadTestFormDefaults: LoadTestFormValues = {
  assistant_id: "",
  label: "",
  endpoint: "stream",
  user_levels: DEFAULT_USER_LEVELS.join(", "),
  mode: "duration",
  amount: String(DEFAULT_DURATION_SECONDS),
  ramp_up_seconds: "0",
  think_time_ms: "0",
  prompts: { source: "builtin", items: "", limit: "100" },
  sla: { avg_s: "", p95_s: "", ttft_ms: "", error_percent: "" },
};

const isBlank = (value: string) => value.trim() === "";

// Targets typed in seconds and percent are judged in those units (the API's are ms, up to an
// hour, and a share from 0 to 1), so that a message such as "At most 100" fits its field.
const seconds = z.number().positive().max(3600);
const percent = z.number().min(0).max(100);

/** What the form says itself: blank fields that must be filled, and targets out of range. */
function ownIssues(values: LoadTestFormValues): [LoadTestFormField, string][] {
  const required: [LoadTestFormField, string][] = [["amount", values.amount]];
  if (values.prompts.source === "sessions") required.push(["prompts.limit", values.prompts.limit]);
  const issues = required
    .filter(([, value]) => isBlank(value))
    .map(([field]): [LoadTestFormField, string] => [field, "Required"]);
  const inUnits: [LoadTestFormField, string, z.ZodNumber][] = [
    ["sla.avg_s", values.sla.avg_s, seconds],
    ["sla.p95_s", values.sla.p95_s, seconds],
    ["sla.error_percent", values.sla.error_percent, percent],
  ];
  for (const [field, value, schema] of inUnits) {
    if (isBlank(value)) continue;
    const problem = schema.safeParse(Number(value), { error: formErrorMap }).error?.issues[0];
    if (problem) issues.push([field, problem.message]);
  }
  return issues;
}

/** A blank optional target is left to the assistant; the scale turns the form's unit into the API's. */
function target(value: string, scale: number, round = false): number | undefined {
  if (isBlank(value)) return undefined;
  const scaled = Number(value) * scale;
  return round ? Math.round(scaled) : scaled;
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The request the form's values stand for, as typed (the server's schema judges it). */
export function toStartRequest(values: LoadTestFormValues): StartLoadTestRequest {
  // Blank is refused by the form itself (ownIssues), not left to the server's default.
  const amount = target(values.amount, 1);
  const { source } = values.prompts;
  return {
    assistant_id: values.assistant_id,
    label: values.label,
    endpoint: values.endpoint,
    user_levels: values.user_levels
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number),
    ...(values.mode === "duration" ? { duration_seconds: amount } : { requests_per_user: amount }),
    ramp_up_seconds: Number(values.ramp_up_seconds || 0),
    think_time_ms: Number(values.think_time_ms || 0),
    prompts:
      source === "custom"
        ? { source, items: lines(values.prompts.items) }
        : source === "sessions"
          ? { source, limit: Number(values.prompts.limit) }
          : { source },
    sla: {
      // Seconds in the form; whole milliseconds in the API (1.1 s is 1100 ms, not 1100.0000000000002).
      avg_ms: target(values.sla.avg_s, 1000, true),
      p95_ms: target(values.sla.p95_s, 1000, true),
      ttft_ms: target(values.sla.ttft_ms, 1),
      error_rate: target(values.sla.error_percent, 0.01),
    },
  };
}

const fieldOfPath: [RegExp, LoadTestFormField, item?: string][] = [
  [/^assistant_id$/, "assistant_id"],
  [/^label$/, "label"],
  [/^endpoint$/, "endpoint"],
  [/^user_levels(\.(\d+))?$/, "user_levels", "Level"],
  [/^(duration_seconds|requests_per_user)$/, "amount"],
  [/^ramp_up_seconds$/, "ramp_up_seconds"],
  [/^think_time_ms$/, "think_time_ms"],
  [/^prompts\.items(\.(\d+))?$/, "prompts.items", "Prompt"],
  [/^prompts\.limit$/, "prompts.limit"],
  [/^prompts(\.source)?$/, "prompts.source"],
  [/^sla\.avg_ms$/, "sla.avg_s"],
  [/^sla\.p95_ms$/, "sla.p95_s"],
  [/^sla\.ttft_ms$/, "sla.ttft_ms"],
  [/^sla\.error_rate$/, "sla.error_percent"],
];

/**
 * The form field a validation problem of the request belongs to (a path such as `user_levels.2`,
 * from this schema or from the server's answer), with its message; one item of a list names it.
 */
export function fieldError(
  path: string,
  message: string,
): { field: LoadTestFormField; message: string } | undefined {
  const bare = path.replace(/^body\./, "");
  for (const [pattern, field, item] of fieldOfPath) {
    const match = pattern.exec(bare);
    if (!match) continue;
    const index = match[2];
    return {
      field,
      message: item && index !== undefined ? `${item} ${Number(index) + 1}: ${message}` : message,
    };
  }
  return undefined;
}

/** Prompts from an uploaded file: a JSON array of strings, else one per line (CSV: first column). */
export function promptsFromFile(name: string, text: string): string[] {
  if (name.toLowerCase().endsWith(".json")) {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) throw new Error("The JSON file must hold an array of strings");
    return parsed.filter((item): item is string => typeof item === "string");
  }
  const rows = text.split(/\r?\n/);
  const firstColumn = name.toLowerCase().endsWith(".csv")
    ? rows.map((line) => line.split(",")[0]!.replace(/^"(.*)"$/, "$1"))
    : rows;
  return firstColumn.map((line) => line.trim()).filter(Boolean);
}
