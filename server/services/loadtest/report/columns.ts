// The comparative results table's columns, in the reference report's order (model, users,
// average, median, p90, p95, p99, error rate, throughput, SLA) followed by what Hearth adds.
import type { ComparativeRow } from "../../../schemas/loadtest";

export interface Column {
  key: keyof ComparativeRow;
  title: string;
  /** How the Markdown table (and the console) shows it; CSV and JSON keep raw numbers. */
  format: (row: ComparativeRow) => string;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ms = (value: number | null) => (value === null ? "—" : integer.format(value));
const decimal = (value: number | null, digits = 1) => (value === null ? "—" : value.toFixed(digits));
export const percent = (value: number | null) =>
  value === null ? "—" : `${Number((value * 100).toFixed(1))}%`;
export const verdict = (met: boolean | null) => (met === null ? "—" : met ? "✅" : "❌");

export function comparativeColumns(slaLabel: string): Column[] {
  return [
    { key: "name", title: "Model", format: (row) => row.name },
    { key: "users", title: "Users", format: (row) => String(row.users) },
    { key: "avg_ms", title: "Avg (ms)", format: (row) => ms(row.avg_ms) },
    { key: "median_ms", title: "Median (ms)", format: (row) => ms(row.median_ms) },
    { key: "p90_ms", title: "%90 (ms)", format: (row) => ms(row.p90_ms) },
    { key: "p95_ms", title: "%95 (ms)", format: (row) => ms(row.p95_ms) },
    { key: "p99_ms", title: "%99 (ms)", format: (row) => ms(row.p99_ms) },
    { key: "error_rate", title: "Error Rate", format: (row) => percent(row.error_rate) },
    {
      key: "throughput_per_min",
      title: "Throughput (/min)",
      format: (row) => decimal(row.throughput_per_min),
    },
    {
      key: "sla_met",
      title: `SLA (${slaLabel})`,
      format: (row) => verdict(row.sla_met) + (row.status === "completed" ? "" : ` (${row.status})`),
    },
    { key: "requests", title: "Requests", format: (row) => String(row.requests) },
    { key: "ttft_avg_ms", title: "TTFT avg (ms)", format: (row) => ms(row.ttft_avg_ms) },
    { key: "ttft_p95_ms", title: "TTFT %95 (ms)", format: (row) => ms(row.ttft_p95_ms) },
    {
      key: "tokens_per_second",
      title: "Tokens/s (per answer)",
      format: (row) => decimal(row.tokens_per_second),
    },
    {
      key: "output_tokens_per_second",
      title: "Tokens/s (total)",
      format: (row) => decimal(row.output_tokens_per_second),
    },
    { key: "goodput", title: "Goodput", format: (row) => percent(row.goodput) },
    { key: "goodput_per_min", title: "Goodput (/min)", format: (row) => decimal(row.goodput_per_min) },
    {
      key: "degraded",
      title: "Degraded",
      format: (row) => (row.degraded === null ? "—" : String(row.degraded)),
    },
    {
      key: "prediction_error_ms",
      title: "Prediction error (median ms)",
      format: (row) => ms(row.prediction_error_ms),
    },
    { key: "errors_client_error", title: "4xx", format: (row) => String(row.errors_client_error) },
    { key: "errors_rate_limited", title: "429", format: (row) => String(row.errors_rate_limited) },
    { key: "errors_server_error", title: "5xx", format: (row) => String(row.errors_server_error) },
    { key: "errors_timeout", title: "Timeout", format: (row) => String(row.errors_timeout) },
    { key: "errors_cut_stream", title: "Cut stream", format: (row) => String(row.errors_cut_stream) },
    { key: "errors_network", title: "Network", format: (row) => String(row.errors_network) },
  ];
}
