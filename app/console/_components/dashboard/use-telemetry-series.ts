"use client";
// The dashboard's history: the whole range read from the server once (observability.series), then
// only its newest buckets polled (`since` the last bucket's start) and merged into the cached
// range, so a month's chart stays live without reading the month again every few seconds. Past
// buckets never change (the server counts answers when they finish), so nothing else is re-read.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TelemetrySeries } from "@/server/schemas/telemetry";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { mergeSeries, pollMs, seriesInput, type DashboardView } from "./series-data";

export function useTelemetrySeries(view: DashboardView) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const input = seriesInput(view);
  const fullOptions = trpc.observability.series.queryOptions(input, {
    // Kept fresh by the merges below rather than by reading the whole range again.
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  const full = useQuery(fullOptions);
  // A placeholder is another view's series: this view's refreshes wait for its own.
  const loaded = full.data !== undefined && !full.isPlaceholderData;
  const live = useQuery({
    queryKey: ["dashboard", "newest-buckets", input],
    queryFn: async (): Promise<TelemetrySeries | null> => {
      const since = queryClient.getQueryData(fullOptions.queryKey)?.buckets.at(-1)?.start;
      if (!since) return null;
      const newest = await client.observability.series.query({ ...input, since });
      queryClient.setQueryData(fullOptions.queryKey, (current) =>
        current ? mergeSeries(current, newest) : current,
      );
      return newest;
    },
    enabled: loaded,
    refetchInterval: pollMs[view.range],
  });
  return { full, live };
}
