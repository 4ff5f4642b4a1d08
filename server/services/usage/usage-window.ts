// Which rollup a usage report reads, and the range rounded to it. Minute rows are kept 2 days,
// hour rows 90 days, day rows for good (prune-usage-rollups.ts): a report reads the finest rollup
// that still holds its whole range and keeps its chart readable.
import { AppError } from "../../errors";
import type { UsageGroup } from "../../schemas/usage";

export type UsagePeriod = "minute" | "hour" | "day";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const periodMs: Record<UsagePeriod, number> = { minute: MINUTE, hour: HOUR, day: DAY };

/** How long each rollup is kept. */
export const keptFor: Record<Exclude<UsagePeriod, "day">, number> = { minute: 2 * DAY, hour: 90 * DAY };

/** The longest range read from minutes, and from hours, when a coarser rollup would do. */
const finestUpTo = { minute: 6 * HOUR, hour: 14 * DAY };
/** Hourly rows are at most this many days of a report grouped by hour. */
const HOURLY_GROUP_MAX = 31 * DAY;

export interface UsageWindow {
  period: UsagePeriod;
  from: Date;
  to: Date;
}

const floorTo = (time: number, step: number) => Math.floor(time / step) * step;
const ceilTo = (time: number, step: number) => Math.ceil(time / step) * step;

/** The rollup and the rounded range for a report of [from, to) grouped by `group`, read at `now`. */
export function usageWindow(from: Date, to: Date, group: UsageGroup, now: Date): UsageWindow {
  const span = to.getTime() - from.getTime();
  const age = now.getTime() - from.getTime();
  const minutesHold = age <= keptFor.minute;
  const hoursHold = age <= keptFor.hour;
  let period: UsagePeriod =
    minutesHold && span <= finestUpTo.minute
      ? "minute"
      : hoursHold && span <= finestUpTo.hour
        ? "hour"
        : "day";
  if (group === "hour") {
    if (!hoursHold) {
      throw new AppError(
        "INVALID_INPUT",
        "Usage per hour is kept for 90 days: start the range later, or group by day",
        {
          details: [{ path: "from", message: "hourly usage is kept for 90 days" }],
        },
      );
    }
    if (span > HOURLY_GROUP_MAX) {
      throw new AppError("INVALID_INPUT", "Usage grouped by hour spans at most 31 days", {
        details: [{ path: "from", message: "group by hour spans at most 31 days" }],
      });
    }
    if (period === "day") period = "hour";
  }
  const step = periodMs[period];
  return { period, from: new Date(floorTo(from.getTime(), step)), to: new Date(ceilTo(to.getTime(), step)) };
}

/** Every bucket start of the window, in order. */
export function bucketsOf(window: UsageWindow): Date[] {
  const step = periodMs[window.period];
  const buckets: Date[] = [];
  for (let time = window.from.getTime(); time < window.to.getTime(); time += step)
    buckets.push(new Date(time));
  return buckets;
}
