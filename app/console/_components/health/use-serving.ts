"use client";
// The backends' health as it bears on each assistant (tRPC backends.serving), shared by the banner,
// the Overview and the assistant pages: one query, polled, so they all say the same thing.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../_lib/trpc";

/** As often as the gateway's probes can change a verdict that matters to a person reading it. */
export const SERVING_POLL_MS = 15_000;

export function useServing() {
  const trpc = useTRPC();
  return useQuery(trpc.backends.serving.queryOptions(undefined, { refetchInterval: SERVING_POLL_MS }));
}
