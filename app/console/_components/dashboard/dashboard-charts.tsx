"use client";
// The dashboard's live charts, drawn from the samples polled since the page opened (shaped in
// chart-data.ts). Each point is the rolling one-minute window at that moment, so the lines move
// within seconds of a change.
import type { Telemetry, WindowStats } from "@/server/schemas/telemetry";
import {
  busiestAssistants,
  chartData,
  combinedErrorRate,
  minuteOf,
  PALETTE,
  totalThroughput,
  type ChartLine,
  type Sample,
} from "./chart-data";
import { formatMs, formatRate, formatShare } from "./format-metrics";
import { LiveChart } from "./live-chart";

/** Lines per chart when each assistant or backend gets its own. */
const MAX_LINES = PALETTE.length;
const EVERY = "Last minute, sampled every 5 s.";

export function AssistantCharts({
  samples,
  assistant,
}: {
  samples: Sample[];
  /** One assistant, or undefined for all of them. */
  assistant: Telemetry["assistants"][number] | undefined;
}) {
  return assistant ? (
    <OneAssistant samples={samples} assistant={assistant} />
  ) : (
    <AllAssistants samples={samples} />
  );
}

function OneAssistant({
  samples,
  assistant,
}: {
  samples: Sample[];
  assistant: Telemetry["assistants"][number];
}) {
  const id = assistant.assistant_id;
  const pick =
    (read: (stats: WindowStats) => number | null): ChartLine["pick"] =>
    (telemetry) => {
      const stats = minuteOf(telemetry, id);
      return stats ? read(stats) : null;
    };
  const subject = assistant.name;
  return (
    <>
      <LiveChart
        title="Throughput"
        subject={subject}
        description={`Completed answers per minute. ${EVERY}`}
        format={formatRate}
        {...chartData(samples, [{ name: "Answers/min", pick: pick((stats) => stats.throughput_per_minute) }])}
      />
      <LiveChart
        title="Response time"
        subject={subject}
        description={`Whole answer time of completed answers, against the assistant's SLA. ${EVERY}`}
        format={formatMs}
        reference={{ value: assistant.sla_avg_ms, label: "SLA" }}
        {...chartData(samples, [
          { name: "p50", pick: pick((stats) => stats.response_ms.p50) },
          { name: "p95", pick: pick((stats) => stats.response_ms.p95) },
        ])}
      />
      <LiveChart
        title="Time to first token"
        subject={subject}
        description={`How long until the answer starts. ${EVERY}`}
        format={formatMs}
        {...chartData(samples, [
          { name: "p50", pick: pick((stats) => stats.ttft_ms.p50) },
          { name: "p95", pick: pick((stats) => stats.ttft_ms.p95) },
        ])}
      />
      <LiveChart
        title="Error rate"
        subject={subject}
        description={`Failed answers as a share of all answers. ${EVERY}`}
        format={formatShare}
        {...chartData(samples, [
          { name: "Error rate", color: "#dc2626", pick: pick((stats) => stats.error_rate) },
        ])}
      />
    </>
  );
}

function AllAssistants({ samples }: { samples: Sample[] }) {
  // The busiest assistants of the last 15 minutes get a line each.
  const busiest = busiestAssistants(samples.at(-1)?.telemetry, MAX_LINES);
  const perAssistant = (read: (stats: WindowStats) => number | null): ChartLine[] =>
    busiest.map((assistant) => ({
      name: assistant.name,
      pick: (telemetry) => {
        const stats = minuteOf(telemetry, assistant.assistant_id);
        return stats ? read(stats) : null;
      },
    }));
  const subject = "all assistants";
  const busiestNote = `The ${MAX_LINES} busiest of the last 15 minutes, p95.`;
  return (
    <>
      <LiveChart
        title="Throughput"
        subject={subject}
        description={`Completed answers per minute, all assistants together. ${EVERY}`}
        format={formatRate}
        {...chartData(samples, [{ name: "Answers/min", pick: totalThroughput }])}
      />
      <LiveChart
        title="Response time"
        subject={subject}
        description={`${busiestNote} ${EVERY}`}
        format={formatMs}
        {...chartData(
          samples,
          perAssistant((stats) => stats.response_ms.p95),
        )}
      />
      <LiveChart
        title="Time to first token"
        subject={subject}
        description={`${busiestNote} ${EVERY}`}
        format={formatMs}
        {...chartData(
          samples,
          perAssistant((stats) => stats.ttft_ms.p95),
        )}
      />
      <LiveChart
        title="Error rate"
        subject={subject}
        description={`Failed answers as a share of all answers, all assistants together. ${EVERY}`}
        format={formatShare}
        {...chartData(samples, [{ name: "Error rate", color: "#dc2626", pick: combinedErrorRate }])}
      />
    </>
  );
}

export function BackendCharts({ samples }: { samples: Sample[] }) {
  const backends = (samples.at(-1)?.telemetry.backends ?? []).slice(0, MAX_LINES);
  const perBackend = (read: (backend: Telemetry["backends"][number]) => number): ChartLine[] =>
    backends.map((backend) => ({
      name: backend.name,
      pick: (telemetry) => {
        const found = telemetry.backends.find((item) => item.backend_id === backend.backend_id);
        return found ? read(found) : null;
      },
    }));
  return (
    <>
      <LiveChart
        title="In flight"
        subject="by backend"
        description="Generations running now on this replica, sampled every 5 s."
        format={formatRate}
        {...chartData(
          samples,
          perBackend((backend) => backend.in_flight),
        )}
      />
      <LiveChart
        title="Backend throughput"
        subject="by backend"
        description={`Completed answers per minute. ${EVERY}`}
        format={formatRate}
        {...chartData(
          samples,
          perBackend((backend) => backend.windows["1m"].throughput_per_minute),
        )}
      />
    </>
  );
}
