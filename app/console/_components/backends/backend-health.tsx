"use client";
// A backend's health as the gateway sees it: its state, why, since when, and the load on it.
import type { BackendDto, BackendHealthDto } from "@/server/schemas/backend";
import { formatDateTime } from "../../_lib/format";
import { Badge, type BadgeTone } from "../ui/badge";

export const stateTones: Record<BackendHealthDto["state"], BadgeTone> = {
  healthy: "success",
  degraded: "warning",
  draining: "brand",
  down: "danger",
};

export const stateNames: Record<BackendHealthDto["state"], string> = {
  healthy: "Healthy",
  degraded: "Degraded",
  draining: "Draining",
  down: "Down",
};

function sinceText(iso: string): string {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

function loadParts(backend: BackendDto, health: BackendHealthDto): string[] {
  const parts = [`${health.outstanding}/${backend.max_concurrency} in use`];
  if (health.queued > 0) parts.push(`${health.queued} queued`);
  if (health.load?.kv_cache_usage != null)
    parts.push(`KV cache ${Math.round(health.load.kv_cache_usage * 100)}%`);
  if (health.load?.waiting) parts.push(`${health.load.waiting} waiting in vLLM`);
  if (health.ttft_ms !== null) parts.push(`first token ${(health.ttft_ms / 1000).toFixed(2)} s`);
  if (health.error_rate !== null && health.recent_requests > 0)
    parts.push(`${Math.round(health.error_rate * 100)}% errors`);
  return parts;
}

export function BackendHealthCell({ backend }: { backend: BackendDto }) {
  const health = backend.health;
  if (!backend.enabled || !health) return <Badge>Disabled</Badge>;
  return (
    <div className="min-w-48 space-y-1" data-testid={`health-${backend.name}`}>
      <p className="flex flex-wrap items-center gap-1.5">
        <Badge tone={stateTones[health.state]}>{stateNames[health.state]}</Badge>
        <span className="text-xs text-stone-500 dark:text-stone-400" title={formatDateTime(health.since)}>
          for {sinceText(health.since)}
        </span>
      </p>
      <p className="text-xs text-stone-600 dark:text-stone-300">{health.reason}</p>
      <p className="text-xs text-stone-500 tabular-nums dark:text-stone-400">
        {loadParts(backend, health).join(" · ")}
      </p>
      {health.rate_limited_until && (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          Asked for a pause until {formatDateTime(health.rate_limited_until)}
        </p>
      )}
    </div>
  );
}
