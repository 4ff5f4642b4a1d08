"use client";
// The names the Usage page shows for the ids its filters hold: assistants and backends for every
// role, API keys for admins (only they may list keys; others see the id).
import { useQuery } from "@tanstack/react-query";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { useTRPC } from "../../_lib/trpc";
import { nameKey } from "./usage-query";

export interface UsageNames {
  /** `filter:id` → name, for the active filters' chips. */
  byFilter: Map<string, string>;
  assistants: Array<{ id: string; name: string }>;
  backends: Array<{ id: string; name: string }>;
  /** Null when the user may not list API keys. */
  apiKeys: Array<{ id: string; name: string }> | null;
  models: string[];
}

export function useUsageNames(): UsageNames {
  const trpc = useTRPC();
  const admin = isAdmin(useConsoleUser());
  const assistants = useQuery(trpc.assistants.list.queryOptions({ limit: 100 }));
  const backends = useQuery(trpc.backends.list.queryOptions());
  const apiKeys = useQuery({
    ...trpc.apiKeys.list.queryOptions({ limit: 100, include_revoked: true }),
    enabled: admin,
  });
  const byFilter = new Map<string, string>();
  const assistantList = (assistants.data?.data ?? []).map(({ id, name }) => ({ id, name }));
  const backendList = (backends.data?.data ?? []).map(({ id, name }) => ({ id, name }));
  const keyList = admin ? (apiKeys.data?.data ?? []).map(({ id, name }) => ({ id, name })) : null;
  for (const { id, name } of assistantList) byFilter.set(nameKey("assistant_id", id), name);
  for (const { id, name } of backendList) byFilter.set(nameKey("backend_id", id), name);
  for (const { id, name } of keyList ?? []) byFilter.set(nameKey("api_key_id", id), name);
  const models = [...new Set((backends.data?.data ?? []).flatMap((backend) => backend.models))].sort();
  return { byFilter, assistants: assistantList, backends: backendList, apiKeys: keyList, models };
}
