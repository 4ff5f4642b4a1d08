"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../_lib/trpc";

/** Enough for any real assistant; the stores table says so when there are more. */
export const STORES_LIMIT = 100;

/**
 * The assistant's vector stores, shared by the stores table and the store pickers. Polled while
 * a store has files in ingestion, so its counts and status follow along.
 */
export function useVectorStores(assistantId: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.knowledge.stores.queryOptions(
      { assistantId, query: { limit: STORES_LIMIT } },
      {
        refetchInterval: (query) =>
          query.state.data?.data.some((store) => store.file_counts.in_progress > 0) ? 1500 : false,
      },
    ),
  );
}
