// `npm run loadtest`: starts a load test on a running Hearth through its admin API, follows it
// level by level, prints the report's tables, writes the exports asked for, and answers with an
// exit code a deployment pipeline can gate on: 0 SLA met, 1 not met, 2 usage error or no verdict.
import { writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import type { LoadTestDto } from "../../schemas/loadtest";
import { loadTestUsage, parseLoadTestArgs, UsageError, type CliOptions } from "./cli-args";

export const EXIT_SLA_MET = 0;
export const EXIT_SLA_NOT_MET = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Defaults from the environment: base URL and admin key. */
  defaults: { url: string; key: string | undefined };
  pollMs?: number;
  /** Aborted (Ctrl-C): the run is stopped, and its partial report printed. */
  interrupt?: AbortSignal;
}

class ApiError extends Error {
  override name = "ApiError";
}

function client(url: string, key: string) {
  const base = url.replace(/\/+$/, "");
  return async (method: string, path: string, body?: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(
        `cannot reach Hearth at ${base}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try {
        const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
        message = `${parsed.error?.code ?? response.status}: ${parsed.error?.message ?? text}`;
      } catch {
        // Not Hearth's JSON error (a proxy's page): show it as it came.
      }
      throw new ApiError(`${method} ${path} answered ${response.status}: ${message}`);
    }
    return response;
  };
}

function progressLine(run: LoadTestDto): string {
  const level = run.levels.find((entry) => entry.status === "running");
  if (!level) return `${run.id}: ${run.status}`;
  const result = level.result;
  const figures = result
    ? `${result.requests} requests, avg ${result.response_ms.avg ?? "—"} ms, errors ${(result.error_rate * 100).toFixed(1)}%`
    : "starting";
  return `${run.id}: ${level.users} users: ${figures}`;
}

/** The report's tables (the Markdown between "Comparative results" and the charts). */
function tablesOf(markdown: string): string {
  const start = markdown.indexOf("## Comparative results");
  const end = markdown.indexOf("## Charts");
  return markdown.slice(start < 0 ? 0 : start, end < 0 ? undefined : end).trim();
}

export function verdictOf(run: LoadTestDto, minUsers: number | null): { code: number; line: string } {
  const served = run.served_by.map(
    (entry) => `${entry.backend ?? "none"}/${entry.model}${entry.simulator ? " (vLLM simulator)" : ""}`,
  );
  const servedText = served.length ? ` Served by ${served.join(", ")}.` : "";
  const within =
    run.max_users_within_sla === null
      ? "no user level is within the SLA"
      : `within the SLA up to ${run.max_users_within_sla} users`;
  if (run.status !== "completed" && run.status !== "stopped") {
    return { code: EXIT_ERROR, line: `Load test ${run.id} ${run.status}: ${run.error ?? "no verdict"}.` };
  }
  if (minUsers !== null) {
    const met = (run.max_users_within_sla ?? 0) >= minUsers;
    return {
      code: met ? EXIT_SLA_MET : EXIT_SLA_NOT_MET,
      line: `SLA ${met ? "met" : "NOT met"}: ${within} (required: ${minUsers}).${servedText}`,
    };
  }
  if (run.sla_met === null)
    return {
      code: EXIT_ERROR,
      line: `Load test ${run.id} ${run.status} before a verdict: ${within}.${servedText}`,
    };
  return {
    code: run.sla_met ? EXIT_SLA_MET : EXIT_SLA_NOT_MET,
    line: `SLA ${run.sla_met ? "met at every level" : "NOT met"}: ${within}.${servedText}`,
  };
}

async function follow(
  options: CliOptions,
  io: CliIo,
  api: ReturnType<typeof client>,
  id: string,
): Promise<LoadTestDto> {
  let stopping = false;
  let last = "";
  for (;;) {
    if (io.interrupt?.aborted && !stopping) {
      stopping = true;
      io.err(`Stopping ${id}...`);
      await api("POST", `/admin/loadtests/${id}/stop`);
    }
    const run = (await (await api("GET", `/admin/loadtests/${id}`)).json()) as LoadTestDto;
    if (run.status !== "queued" && run.status !== "running") return run;
    const line = progressLine(run);
    if (line !== last && !options.quiet) io.err(line);
    last = line;
    await sleep(io.pollMs ?? 1000);
  }
}

async function run(options: CliOptions, io: CliIo): Promise<number> {
  const key = options.key ?? io.defaults.key;
  if (!key) throw new UsageError("an admin API key is needed: --key, or HEARTH_API_KEY in the environment");
  const api = client(options.url ?? io.defaults.url, key);
  const started = (await (await api("POST", "/admin/loadtests", options.scenario)).json()) as LoadTestDto;
  if (!options.quiet)
    io.err(
      `Started load test ${started.id} on assistant ${started.assistant_id}: levels ${started.scenario.user_levels.join(", ")}`,
    );
  const finished = await follow(options, io, api, started.id);
  const compare = options.compare.length
    ? `&compare=${options.compare.map(encodeURIComponent).join(",")}`
    : "";
  const report = async (format: string) =>
    (await api("GET", `/admin/loadtests/${finished.id}/report?format=${format}${compare}`)).text();
  if (!options.quiet) io.out(tablesOf(await report("md")));
  for (const output of options.outputs) {
    await writeFile(output.file, await report(output.format));
    if (!options.quiet) io.err(`Wrote ${output.file}`);
  }
  const verdict = verdictOf(finished, options.minUsers);
  io.out(verdict.line);
  return verdict.code;
}

export async function runLoadTestCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const options = await parseLoadTestArgs(argv);
    if (!options) {
      io.out(loadTestUsage);
      return EXIT_SLA_MET;
    }
    return await run(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${loadTestUsage}`);
      return EXIT_ERROR;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return EXIT_ERROR;
  }
}
