// The windows quotas are counted in: the current minute (fixed, as the rate-limit counters), the
// UTC day and the UTC calendar month; and when each starts again.
export interface QuotaWindows {
  minuteEnd: Date;
  dayStart: Date;
  dayEnd: Date;
  monthStart: Date;
  monthEnd: Date;
}

export function quotaWindows(now: Date): QuotaWindows {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const day = now.getUTCDate();
  return {
    minuteEnd: new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000),
    dayStart: new Date(Date.UTC(year, month, day)),
    dayEnd: new Date(Date.UTC(year, month, day + 1)),
    monthStart: new Date(Date.UTC(year, month, 1)),
    monthEnd: new Date(Date.UTC(year, month + 1, 1)),
  };
}

export const secondsUntil = (when: Date, now: Date) =>
  Math.max(1, Math.ceil((when.getTime() - now.getTime()) / 1000));
