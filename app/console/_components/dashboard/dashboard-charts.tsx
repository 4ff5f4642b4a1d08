"use client";
// The dashboard's live charts, drawn from the samples polled since the page opened. Each point
// is the rolling one-minute window at that moment, so the lines move within seconds of a change.
// "All assistants" sums what adds up (throughput, errors) and draws percentiles per assistant,
// since percentiles of different assistants cannot be combined.
import type { Telemetry, WindowStats } from "@/server/schemas/telemetry";
import { seriesKey, LiveChart, type ChartRow, type ChartSeries } from "./live-chart";
import { formatMs, formatRate, formatShare } from "./format-metrics";
import type { Sample } from "./use-live-telemetry";

const PALETTE = ["#ea580c", "#2563eb", "#059669", "#9333ea", "#db2777", "#ca8a04", "#0891b2", "#57534e"];
/** Lines per chart when each assistant or backend gets its own. */
const MAX_LINES = PALETTE.length;
const EVERY = "Last minute, sampled every 5 s.";

type Pick = (telemetry: Telemetry) => number | null;
type Line = { name: string; pick: Pick; color?: string; dashed?: boolean };

function chartData(samples: Sample[], lines: Line[]): { rows: ChartRow[]; series: ChartSeries[] } {
  const rows = samples.map((sample) => {
    const row: ChartRow = { at: sample.at };
    lines.forEach((line, index) => {
      row[seriesKey(index)] = line.pick(sample.telemetry);
    });
    return row;
  });
  const last = samples.at(-1)?.telemetry;
  const series = lines.map((line, index) => ({
    name: line.name,
    color: line.color ?? PALETTE[index % PALETTE.length]!,
    dashed: line.dashed,
    latest: last ? line.pick(last) : null,
  }));
  return { rows, series };
}

const minuteOf = (telemetry: Telemetry, assistantId: string): WindowStats | undefined =>
  telemetry.assistants.find((assistant) => assistant.assistant_id === assistantId)?.windows["1m"];

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

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
    (read: (stats: WindowStats) => number | null): Pick =>
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
  const latest = samples.at(-1)?.telemetry;
  // The busiest assistants of the last 15 minutes get a line each.
  const busiest = [...(latest?.assistants ?? [])]
    .filter((assistant) => assistant.windows["15m"].requests > 0)
    .sort((a, b) => b.windows["15m"].requests - a.windows["15m"].requests)
    .slice(0, MAX_LINES);
  const perAssistant = (read: (stats: WindowStats) => number | null): Line[] =>
    busiest.map((assistant) => ({
      name: assistant.name,
      pick: (telemetry) => {
        const stats = minuteOf(telemetry, assistant.assistant_id);
        return stats ? read(stats) : null;
      },
    }));
  const minutes = (telemetry: Telemetry) => telemetry.assistants.map((assistant) => assistant.windows["1m"]);
  const subject = "all assistants";
  const busiestNote = `The ${MAX_LINES} busiest of the last 15 minutes, p95.`;
  return (
    <>
      <LiveChart
        title="Throughput"
        subject={subject}
        description={`Completed answers per minute, all assistants together. ${EVERY}`}
        format={formatRate}
        {...chartData(samples, [
          {
            name: "Answers/min",
            pick: (telemetry) => sum(minutes(telemetry).map((stats) => stats.throughput_per_minute)),
          },
        ])}
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
        {...chartData(samples, [
          {
            name: "Error rate",
            color: "#dc2626",
            pick: (telemetry) => {
              const requests = sum(minutes(telemetry).map((stats) => stats.requests));
              return requests > 0 ? sum(minutes(telemetry).map((stats) => stats.failed)) / requests : 0;
            },
          },
        ])}
      />
    </>
  );
}

export function BackendCharts({ samples }: { samples: Sample[] }) {
  const backends = (samples.at(-1)?.telemetry.backends ?? []).slice(0, MAX_LINES);
  const perBackend = (read: (backend: Telemetry["backends"][number]) => number): Line[] =>
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
