"use client";
// The dashboard's data: telemetry polled every few seconds, and the samples seen since the page
// opened (the server keeps rolling windows, not a time series), which the live charts draw.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Telemetry } from "@/server/schemas/telemetry";
import { useTRPC } from "../../_lib/trpc";
import { appendSample, type Sample } from "./chart-data";

export const POLL_MS = 5_000;

export function useLiveTelemetry() {
  const trpc = useTRPC();
  const query = useQuery(trpc.observability.telemetry.queryOptions(undefined, { refetchInterval: POLL_MS }));
  const [history, setHistory] = useState<{ last?: Telemetry; samples: Sample[] }>({ samples: [] });
  // Each poll's result is a new object (generated_at changes), so each one adds one sample. State
  // adjusted during render, as React recommends for values derived from a changing input.
  if (query.data && query.data !== history.last) {
    setHistory({ last: query.data, samples: appendSample(history.samples, query.data) });
  }
  return { query, samples: history.samples };
}
