"use client";
// The Overview's Health card: whether the app and its database answer (as GET /health reports it),
// the model backends with their health as the gateway sees it (state and reason), and whether every
// enabled assistant has a model that answers; details on the Backends page.
import { useQuery } from "@tanstack/react-query";
import { ChevronRight, HeartPulse } from "lucide-react";
import Link from "next/link";
import type { BackendDto } from "@/server/schemas/backend";
import { useTRPC } from "../../_lib/trpc";
import { stateNames, stateTones } from "../backends/backend-health";
import { backendsSummary, byAttention } from "./backends-summary";
import { formatMs } from "../dashboard/format-metrics";
import { SERVING_POLL_MS, useServing } from "../health/use-serving";
import { Badge } from "../ui/badge";

const SHOWN_BACKENDS = 5;

function formatUptime(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

function Skeleton() {
  return <span className="inline-block h-5 w-24 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />;
}

function ServiceStatus() {
  const trpc = useTRPC();
  // Polled like the dashboard, so a database that goes away shows here without a reload.
  const health = useQuery(trpc.system.health.queryOptions(undefined, { refetchInterval: 15_000 }));
  const database = health.data?.checks.database;
  return (
    <div>
      <dt className="text-xs font-medium text-stone-500 dark:text-stone-400">App and database</dt>
      <dd className="mt-1.5 flex flex-wrap items-center gap-2 text-sm">
        {health.isPending ? (
          <Skeleton />
        ) : health.isError ? (
          <Badge tone="danger">Unreachable</Badge>
        ) : (
          <>
            <Badge tone={health.data.status === "ok" ? "success" : "danger"}>
              {health.data.status === "ok" ? "Healthy" : "Database unavailable"}
            </Badge>
            <span className="text-stone-600 dark:text-stone-400">
              {database && `database ${formatMs(database.latency_ms)} · `}up{" "}
              {formatUptime(health.data.uptime_s)}
            </span>
          </>
        )}
      </dd>
    </div>
  );
}

function BackendLine({ backend }: { backend: BackendDto }) {
  const health = backend.enabled ? backend.health : null;
  return (
    <li
      className="flex flex-wrap items-center gap-x-2 gap-y-0.5"
      data-testid={`overview-backend-${backend.name}`}
    >
      <span className="font-medium text-stone-900 dark:text-stone-100">{backend.name}</span>
      {health ? (
        <Badge tone={stateTones[health.state]}>{stateNames[health.state]}</Badge>
      ) : (
        <Badge>Disabled</Badge>
      )}
      <span className="truncate font-mono text-xs text-stone-500 dark:text-stone-400">
        {backend.models.join(", ")}
      </span>
      {health && health.state !== "healthy" && (
        <span className="basis-full text-xs text-stone-600 dark:text-stone-300">{health.reason}</span>
      )}
    </li>
  );
}

function BackendsStatus() {
  const trpc = useTRPC();
  // Polled with the banner, so a backend that goes down shows here without a reload.
  const backends = useQuery(trpc.backends.list.queryOptions(undefined, { refetchInterval: SERVING_POLL_MS }));
  const list = backends.data?.data ?? [];
  return (
    <div>
      <dt className="text-xs font-medium text-stone-500 dark:text-stone-400">Model backends</dt>
      <dd className="mt-1.5 text-sm">
        {backends.isPending ? (
          <Skeleton />
        ) : backends.isError ? (
          <span className="text-stone-600 dark:text-stone-400">The backends could not be loaded.</span>
        ) : list.length === 0 ? (
          <span className="text-stone-600 dark:text-stone-400">
            None registered: assistants answer in retrieval-only mode.
          </span>
        ) : (
          <>
            <p className="text-stone-700 dark:text-stone-300">{backendsSummary(list)}</p>
            <ul aria-label="Backends" className="mt-2 space-y-1.5">
              {byAttention(list)
                .slice(0, SHOWN_BACKENDS)
                .map((backend) => (
                  <BackendLine key={backend.id} backend={backend} />
                ))}
            </ul>
            {list.length > SHOWN_BACKENDS && (
              <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">
                and {list.length - SHOWN_BACKENDS} more
              </p>
            )}
          </>
        )}
      </dd>
    </div>
  );
}

function AssistantsStatus() {
  const serving = useServing();
  const data = serving.data;
  return (
    <div className="sm:col-span-2">
      <dt className="text-xs font-medium text-stone-500 dark:text-stone-400">Assistants</dt>
      <dd className="mt-1.5 text-sm" data-testid="overview-assistants-serving">
        {serving.isPending ? (
          <Skeleton />
        ) : serving.isError || !data ? (
          <span className="text-stone-600 dark:text-stone-400">
            The health of their models could not be loaded.
          </span>
        ) : data.retrieval_only ? (
          <span className="text-stone-700 dark:text-stone-300">
            No backend is enabled: answers quote the documents only.
          </span>
        ) : data.unreachable_total === 0 ? (
          <span className="flex items-center gap-2 text-stone-700 dark:text-stone-300">
            <Badge tone="success">Reachable</Badge> Every enabled assistant has a model that answers.
          </span>
        ) : (
          <span className="flex flex-wrap items-center gap-2 text-stone-700 dark:text-stone-300">
            <Badge tone="danger">Unreachable</Badge>
            {data.unreachable_total === 1
              ? "1 enabled assistant has no reachable model."
              : `${data.unreachable_total} enabled assistants have no reachable model.`}
          </span>
        )}
      </dd>
    </div>
  );
}

export function HealthCard() {
  return (
    <section
      aria-labelledby="health-card-title"
      className="rounded-lg border border-stone-200 bg-white p-5 shadow-xs dark:border-stone-800 dark:bg-stone-900"
    >
      <div className="flex items-center justify-between gap-3">
        <h2
          id="health-card-title"
          className="flex items-center gap-2 text-sm font-semibold text-stone-900 dark:text-stone-100"
        >
          <HeartPulse aria-hidden className="size-4 text-brand-600" />
          Health
        </h2>
        <Link
          href="/console/backends"
          className="inline-flex items-center gap-1 rounded text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:text-brand-500"
        >
          Backends
          <ChevronRight aria-hidden className="size-4" />
        </Link>
      </div>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2">
        <ServiceStatus />
        <BackendsStatus />
        <AssistantsStatus />
      </dl>
    </section>
  );
}
