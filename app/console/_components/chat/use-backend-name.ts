"use client";
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "../../_lib/trpc";

/** Stored messages name their backend by id; this shows its name when the backend still exists. */
export function useBackendName(): (id: string) => string {
  const trpc = useTRPC();
  const backends = useQuery(trpc.backends.list.queryOptions(undefined, { staleTime: 60_000 }));
  const data = backends.data?.data;
  return useCallback((id: string) => data?.find((backend) => backend.id === id)?.name ?? id, [data]);
}
