"use client";
// One load test: its scenario and status, the running level's figures live (polled while it
// runs), a Stop button for admins, the report, another run to compare with, and the exports.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Square } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { LoadTestDto, LoadTestReport } from "@/server/schemas/loadtest";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { errorMessage } from "../../_lib/errors";
import { formatDateTime } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Select } from "../ui/input";
import { PageHeader } from "../ui/page-header";
import { QueryState, type QueryLike } from "../ui/query-state";
import { Spinner } from "../ui/spinner";
import { ExportButtons } from "./export-buttons";
import { formatMs, formatPercent, formatSeconds, statusTones } from "./loadtest-format";
import { LoadTestReportView } from "./loadtest-report";

const POLL_MS = 2_000;
const isActive = (run: LoadTestDto | undefined) => run?.status === "queued" || run?.status === "running";

function Scenario({ run }: { run: LoadTestDto }) {
  const s = run.scenario;
  const items: [string, string][] = [
    ["Assistant", run.assistant_id],
    ["Endpoint", s.endpoint],
    ["User levels", s.user_levels.join(", ")],
    [
      "Per level",
      s.duration_seconds !== null ? `${s.duration_seconds} s` : `${s.requests_per_user} requests per user`,
    ],
    ["Ramp-up / think time", `${s.ramp_up_seconds} s / ${s.think_time_ms} ms`],
    ["Prompts", `${s.prompts.count} (${s.prompts.source})`],
    ["Started", run.started_at ? formatDateTime(run.started_at) : "not yet"],
    ["By", run.created_by],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 p-4 text-sm sm:grid-cols-4">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt className="text-stone-500 dark:text-stone-400">{term}</dt>
          <dd className="font-medium text-stone-900 dark:text-stone-100">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function LiveLevel({ run }: { run: LoadTestDto }) {
  const level = run.levels.find((entry) => entry.status === "running");
  const done = run.levels.filter((entry) => entry.status === "completed").length;
  return (
    <div
      role="status"
      className="border-t border-stone-200 p-4 text-sm dark:border-stone-800"
      data-testid="loadtest-live"
    >
      <p className="flex items-center gap-2 font-medium text-stone-900 dark:text-stone-100">
        <Spinner />
        {level ? `Level ${done + 1} of ${run.levels.length}: ${level.users} users` : "Starting…"}
        {run.stop_requested_at && " (stopping)"}
      </p>
      {level?.result && (
        <p className="mt-1 text-stone-600 dark:text-stone-300">
          {level.result.requests} requests so far · avg {formatMs(level.result.response_ms.avg)} ms · p95{" "}
          {formatMs(level.result.response_ms.p95)} ms · errors {formatPercent(level.result.error_rate)} ·{" "}
          {formatSeconds(level.result.duration_ms)} elapsed
        </p>
      )}
    </div>
  );
}

function CompareSelect({ run, compareId }: { run: LoadTestDto; compareId: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const others = useQuery(trpc.loadTests.list.queryOptions({ limit: 50 }));
  const choices = (others.data?.data ?? []).filter((other) => other.id !== run.id && !isActive(other));
  return (
    <label className="flex items-center gap-2 text-sm text-stone-700 dark:text-stone-300">
      Compare with
      <Select
        className="w-64"
        value={compareId ?? ""}
        onChange={(event) => {
          const value = event.target.value;
          router.replace(
            `/console/loadtests/${run.id}${value ? `?compare=${encodeURIComponent(value)}` : ""}`,
          );
        }}
      >
        <option value="">No other run</option>
        {choices.map((other) => (
          <option key={other.id} value={other.id}>
            {(other.label || other.served_by[0]?.model || other.assistant_id) +
              ` · ${formatDateTime(other.created_at)}`}
          </option>
        ))}
      </Select>
    </label>
  );
}

export function LoadTestDetail({ id, compareId }: { id: string; compareId: string | null }) {
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.loadTests.get.queryOptions({ id }),
    refetchInterval: (query) => (isActive(query.state.data) ? POLL_MS : false),
  });
  const ids = compareId ? [id, compareId] : [id];
  // Asked for with the run, not after it: the page needs both.
  const report = useQuery({
    ...trpc.loadTests.report.queryOptions({ ids }),
    // Polled until the report itself shows every run finished (its last levels included).
    refetchInterval: (query) =>
      query.state.data?.runs.some((entry) => entry.status === "queued" || entry.status === "running")
        ? POLL_MS
        : false,
  });
  return (
    <QueryState query={run} loading="Loading the load test…" framed>
      {(data) => <RunView data={data} ids={ids} compareId={compareId} report={report} />}
    </QueryState>
  );
}

function RunView({
  data,
  ids,
  compareId,
  report,
}: {
  data: LoadTestDto;
  ids: string[];
  compareId: string | null;
  report: QueryLike<LoadTestReport>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const admin = isAdmin(useConsoleUser());
  const stop = useMutation(
    trpc.loadTests.stop.mutationOptions({
      onSuccess: async () => {
        toast.success("Load test stopped");
        await queryClient.invalidateQueries({ queryKey: trpc.loadTests.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {data.label || `Load test of ${data.assistant_id}`}
            <Badge tone={statusTones[data.status]}>{data.status}</Badge>
          </span>
        }
        description={
          <>
            <Link href="/console/loadtests" className="underline-offset-2 hover:underline">
              Load tests
            </Link>{" "}
            · {data.id} · SLA{" "}
            {report.data?.runs[0]?.sla_label ?? `avg ≤ ${formatSeconds(data.scenario.sla.avg_ms)}`}
          </>
        }
        actions={
          admin && isActive(data) ? (
            <Button variant="danger" pending={stop.isPending} onClick={() => stop.mutate({ id: data.id })}>
              <Square aria-hidden className="size-4" />
              Stop
            </Button>
          ) : undefined
        }
      />
      <div className="space-y-4">
        <Card>
          <Scenario run={data} />
          {isActive(data) && <LiveLevel run={data} />}
          {data.error && (
            <p
              role="alert"
              className="border-t border-stone-200 p-4 text-sm text-red-700 dark:border-stone-800 dark:text-red-400"
            >
              {data.error}
            </p>
          )}
        </Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <CompareSelect run={data} compareId={compareId} />
          <ExportButtons ids={ids} />
        </div>
        <QueryState
          query={report}
          loading="Loading the report…"
          errorTitle="Could not load the report"
          framed
        >
          {(loaded) => <LoadTestReportView report={loaded} />}
        </QueryState>
      </div>
    </>
  );
}
