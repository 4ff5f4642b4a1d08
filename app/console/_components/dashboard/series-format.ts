// How the dashboard writes the time of a bucket: on an axis as short as the range allows (the
// clock within a day, the weekday within a week, the date within a month), and in full, with its
// end, in tooltips and descriptions. The browser's time zone and language.
import type { SeriesRange } from "@/server/schemas/telemetry";

const clock = { hour: "2-digit", minute: "2-digit" } as const;

const tickFormats: Record<SeriesRange, Intl.DateTimeFormat> = {
  "1h": new Intl.DateTimeFormat(undefined, clock),
  "24h": new Intl.DateTimeFormat(undefined, clock),
  "7d": new Intl.DateTimeFormat(undefined, { weekday: "short", ...clock }),
  "30d": new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" }),
};

const fullFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  ...clock,
});
const endFormat = new Intl.DateTimeFormat(undefined, clock);

/** A bucket's start on the time axis. */
export const formatTick = (at: number, range: SeriesRange): string => tickFormats[range].format(at);

/** A bucket in full: "Mon 4 May, 14:00 – 14:15". */
export const formatBucket = (at: number, seconds: number): string =>
  `${fullFormat.format(at)} – ${endFormat.format(at + seconds * 1000)}`;

/** A bucket's start, as a sentence names it: "Mon 4 May, 14:00". */
export const formatMoment = (at: number): string => fullFormat.format(at);

const bucketNames: Record<SeriesRange, string> = {
  "1h": "1-minute",
  "24h": "15-minute",
  "7d": "hourly",
  "30d": "6-hour",
};

/** "15-minute bucket". */
export const bucketName = (range: SeriesRange) => `${bucketNames[range]} bucket`;

/** "15-minute buckets". */
export const bucketPhrase = (range: SeriesRange) => `${bucketName(range)}s`;
