// How the dashboard and the Overview's Traffic card write telemetry figures: durations in ms or
// s, shares as percentages, rates with one decimal; a missing figure (no completed answer in the
// window) is a dash rather than a zero, which would read as "instant".
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });

export const NO_VALUE = "—";

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return NO_VALUE;
  return ms < 1000 ? `${wholeNumber.format(ms)} ms` : `${oneDecimal.format(ms / 1000)} s`;
}

/** A share between 0 and 1, e.g. 0.125 -> "12.5%". */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? NO_VALUE : percent.format(share);
}

export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? NO_VALUE : oneDecimal.format(value);
}

export function formatCount(value: number): string {
  return wholeNumber.format(value);
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

export function formatClock(at: number): string {
  return clock.format(new Date(at));
}

/** Under SLA control: what degradation bought, what was shed, and how close the predictions were. */
export function slaControlSummary(control: {
  answers: number;
  degraded_within_sla: number;
  shed: number;
  prediction_error_ms: number | null;
}): string {
  const parts = [
    `${formatCount(control.degraded_within_sla)} of ${formatCount(control.answers)} met by degrading`,
  ];
  if (control.shed > 0) parts.push(`${formatCount(control.shed)} shed`);
  if (control.prediction_error_ms !== null)
    parts.push(`prediction ±${formatMs(control.prediction_error_ms)}`);
  return parts.join(" · ");
}
