// Where a chart's target (an SLA) goes. A target line stretches the axis to reach it, so a 90 s
// target over answers of 2 s would flatten them against the floor: the line is drawn only while
// the data still fills a fair share of the height, and is otherwise named beside the chart as
// being above it.

/** The axis may grow to this many times the data's peak to show the target. */
export const TARGET_HEADROOM = 2;

export type TargetPlacement = "line" | "above";

/** "line" when the target is drawn on the chart, "above" when it would squash the data. */
export function targetPlacement(
  target: number,
  values: ReadonlyArray<number | null | undefined>,
  headroom = TARGET_HEADROOM,
): TargetPlacement {
  const peak = Math.max(0, ...values.filter((value): value is number => typeof value === "number"));
  // With nothing drawn there is nothing to squash: the target sets the scale.
  if (peak === 0) return "line";
  return target <= peak * headroom ? "line" : "above";
}
