// Flags of `npm run loadtest`, turned into the scenario the admin API takes (the server validates
// it again, so the CLI and the console share one set of rules and messages).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse as parseCsv } from "csv-parse/sync";
import type { StartLoadTestRequest } from "../../schemas/loadtest";

export const loadTestUsage = `Usage: npm run loadtest -- --assistant <id> [flags]

Runs an SLA load test on a running Hearth through its admin API, prints the report, and exits
0 when the SLA is met, 1 when it is not, 2 on a usage error or a run that could not finish.

Connection
  --url <url>               Hearth's base URL (default: HEARTH_PUBLIC_URL, or http://localhost:$PORT)
  --key <key>               an admin API key (default: HEARTH_API_KEY, then HEARTH_MASTER_KEY)

Scenario
  --assistant <id>          the assistant under test (required)
  --label <text>            a name for comparisons, e.g. the model or "after upgrade"
  --endpoint ask|stream     the runtime endpoint to call (default stream)
  --users <n,n,...>         concurrent users of each level (default 5,10,15,25)
  --duration <seconds>      how long each level runs (default 300)
  --requests <n>            instead: requests each user sends per level
  --ramp-up <seconds>       users of a level start spread over this time (default 0)
  --think <ms>              pause of each user between answer and next question (default 0)
  --timeout <seconds>       a request without a complete answer by then is a timeout (default 300)
  --prompts <file>          your prompts: .txt (one per line), .json (array of strings) or .csv (first column)
  --sessions <n>            sample the assistant's latest n distinct past questions

SLA (default: the assistant's own targets)
  --sla-avg <ms>            average response time target
  --sla-p95 <ms>            p95 response time target
  --sla-ttft <ms>           average time-to-first-token target
  --sla-error-rate <0-1>    highest error rate a level may have
  --min-users <n>           pass when the largest level within the SLA has at least n users
                            (default: every level must pass)

Output
  --compare <run id>        put another run beside this one in the report (repeatable)
  --md <file>, --csv <file>, --json <file>   write the report in that format
  --quiet                   print only the verdict line
  --help
`;

export interface CliOptions {
  url: string | undefined;
  key: string | undefined;
  scenario: StartLoadTestRequest;
  minUsers: number | null;
  compare: string[];
  outputs: { format: "md" | "csv" | "json"; file: string }[];
  quiet: boolean;
}

export class UsageError extends Error {
  override name = "UsageError";
}

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new UsageError(`--${flag} must be a number, not '${value}'`);
  return parsed;
}

export async function readPromptsFile(file: string): Promise<string[]> {
  const text = await readFile(file, "utf8").catch(() => {
    throw new UsageError(`--prompts: cannot read ${file}`);
  });
  const extension = path.extname(file).toLowerCase();
  let items: unknown;
  if (extension === ".json") {
    try {
      items = JSON.parse(text);
    } catch {
      throw new UsageError(`--prompts: ${file} is not valid JSON`);
    }
    if (!Array.isArray(items) || !items.every((item) => typeof item === "string")) {
      throw new UsageError(`--prompts: ${file} must hold a JSON array of strings`);
    }
  } else if (extension === ".csv") {
    const rows: string[][] = parseCsv(text, { skip_empty_lines: true, relax_column_count: true });
    items = rows.map((row) => row[0] ?? "");
  } else {
    items = text.split(/\r?\n/);
  }
  const prompts = (items as string[]).map((item) => item.trim()).filter(Boolean);
  if (prompts.length === 0) throw new UsageError(`--prompts: ${file} holds no prompts`);
  return prompts;
}

/** The options, or null for --help. */
export async function parseLoadTestArgs(argv: string[]): Promise<CliOptions | null> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: "string" },
        key: { type: "string" },
        assistant: { type: "string" },
        label: { type: "string" },
        endpoint: { type: "string" },
        users: { type: "string" },
        duration: { type: "string" },
        requests: { type: "string" },
        "ramp-up": { type: "string" },
        think: { type: "string" },
        timeout: { type: "string" },
        prompts: { type: "string" },
        sessions: { type: "string" },
        "sla-avg": { type: "string" },
        "sla-p95": { type: "string" },
        "sla-ttft": { type: "string" },
        "sla-error-rate": { type: "string" },
        "min-users": { type: "string" },
        compare: { type: "string", multiple: true },
        md: { type: "string" },
        csv: { type: "string" },
        json: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  if (!values.assistant) throw new UsageError("--assistant is required");
  if (values.prompts && values.sessions !== undefined)
    throw new UsageError("give --prompts or --sessions, not both");
  if (values.endpoint && values.endpoint !== "ask" && values.endpoint !== "stream") {
    throw new UsageError("--endpoint must be ask or stream");
  }
  const scenario: StartLoadTestRequest = {
    assistant_id: values.assistant,
    ...(values.label ? { label: values.label } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint as "ask" | "stream" } : {}),
    ...(values.users
      ? { user_levels: values.users.split(",").map((level) => number("users", level.trim())!) }
      : {}),
    ...(values.duration ? { duration_seconds: number("duration", values.duration) } : {}),
    ...(values.requests ? { requests_per_user: number("requests", values.requests) } : {}),
    ...(values["ramp-up"] ? { ramp_up_seconds: number("ramp-up", values["ramp-up"]) } : {}),
    ...(values.think ? { think_time_ms: number("think", values.think) } : {}),
    ...(values.timeout ? { request_timeout_seconds: number("timeout", values.timeout) } : {}),
    sla: {
      ...(values["sla-avg"] ? { avg_ms: number("sla-avg", values["sla-avg"]) } : {}),
      ...(values["sla-p95"] ? { p95_ms: number("sla-p95", values["sla-p95"]) } : {}),
      ...(values["sla-ttft"] ? { ttft_ms: number("sla-ttft", values["sla-ttft"]) } : {}),
      ...(values["sla-error-rate"] ? { error_rate: number("sla-error-rate", values["sla-error-rate"]) } : {}),
    },
  };
  if (values.prompts) scenario.prompts = { source: "custom", items: await readPromptsFile(values.prompts) };
  if (values.sessions !== undefined) {
    scenario.prompts = { source: "sessions", limit: number("sessions", values.sessions) };
  }
  const outputs = (["md", "csv", "json"] as const).flatMap((format) =>
    values[format] ? [{ format, file: values[format] }] : [],
  );
  return {
    url: values.url,
    key: values.key,
    scenario,
    minUsers: number("min-users", values["min-users"]) ?? null,
    compare: values.compare ?? [],
    outputs,
    quiet: values.quiet ?? false,
  };
}
