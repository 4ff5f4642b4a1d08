"use client";
// The dashboard's zoom: the whole range's requests in miniature with a Recharts Brush over them.
// Dragging its handles (or focusing one and pressing the arrow keys) picks the buckets every chart
// below shows; Reset zoom shows the whole range again. Kept out of the charts' images, since its
// handles are controls.
import { ZoomOut } from "lucide-react";
import { useId } from "react";
import { Bar, BarChart, Brush } from "recharts";
import type { SeriesRange } from "@/server/schemas/telemetry";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { zoomIndexes, zoomOf, type SeriesRow, type Zoom } from "./series-data";
import { formatMoment, formatTick } from "./series-format";

export function ZoomStrip({
  rows,
  range,
  zoom,
  onZoom,
}: {
  /** Every bucket of the range. */
  rows: SeriesRow[];
  range: SeriesRange;
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
}) {
  const headingId = useId();
  const { startIndex, endIndex } = zoomIndexes(rows, zoom);
  const first = rows[startIndex];
  const last = rows[endIndex];
  const shown = first && last ? `${formatMoment(first.at)} to ${formatMoment(last.at)}` : "";
  return (
    <Card className="p-4">
      <section aria-labelledby={headingId}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <h2 id={headingId} className="text-sm font-semibold text-stone-900 dark:text-stone-100">
              Zoom
            </h2>
            <p className="text-xs text-stone-500 dark:text-stone-400" aria-live="polite">
              {zoom ? `Showing ${shown}.` : "Showing the whole range."} Drag the handles, or focus one and use
              the arrow keys, to look closer.
            </p>
          </div>
          {zoom && (
            <Button variant="secondary" size="sm" onClick={() => onZoom(null)}>
              <ZoomOut aria-hidden className="size-4" />
              Reset zoom
            </Button>
          )}
        </div>
        <div className="mt-2 h-20 text-stone-500 dark:text-stone-400">
          <BarChart
            responsive
            style={{ width: "100%", height: "100%" }}
            data={rows}
            margin={{ top: 4, right: 12, bottom: 0, left: 12 }}
            barCategoryGap={0}
            accessibilityLayer={false}
          >
            <Bar dataKey="requests" fill="currentColor" fillOpacity={0.5} isAnimationActive={false} />
            <Brush
              dataKey="at"
              height={28}
              startIndex={startIndex}
              endIndex={endIndex}
              travellerWidth={10}
              stroke="currentColor"
              fill="transparent"
              tickFormatter={(at: number) => formatTick(at, range)}
              ariaLabel={`Zoom handle: ${shown}`}
              onChange={(next) =>
                onZoom(zoomOf(rows, next.startIndex ?? 0, next.endIndex ?? rows.length - 1))
              }
            />
          </BarChart>
        </div>
      </section>
    </Card>
  );
}
