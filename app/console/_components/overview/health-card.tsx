"use client";
// The Overview's Health card: whether the app and its database answer (as GET /health reports it)
// and the model backends, enabled or not, with the models they serve; details on the Backends page.
import { useQuery } from "@tanstack/react-query";
import { ChevronRight, HeartPulse } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "../../_lib/trpc";
import { formatMs } from "../dashboard/format-metrics";
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

function BackendsStatus() {
  const trpc = useTRPC();
  const backends = useQuery(trpc.backends.list.queryOptions());
  const list = backends.data?.data ?? [];
  const enabled = list.filter((backend) => backend.enabled).length;
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
            <p className="text-stone-700 dark:text-stone-300">
              {enabled} of {list.length} enabled
            </p>
            <ul aria-label="Backends" className="mt-2 space-y-1.5">
              {list.slice(0, SHOWN_BACKENDS).map((backend) => (
                <li key={backend.id} className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-stone-900 dark:text-stone-100">{backend.name}</span>
                  <Badge tone={backend.enabled ? "success" : "neutral"}>
                    {backend.enabled ? "Enabled" : "Disabled"}
                  </Badge>
                  <span className="truncate font-mono text-xs text-stone-500 dark:text-stone-400">
                    {backend.models.join(", ")}
                  </span>
                </li>
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
      </dl>
    </section>
  );
}
