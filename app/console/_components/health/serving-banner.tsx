"use client";
// Across every console page while an enabled assistant has no reachable model: which ones and why,
// so the operator learns it from the console rather than from the users whose questions fail.
import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useServing } from "./use-serving";

const NAMED = 3;

export function ServingBanner() {
  const serving = useServing();
  const data = serving.data;
  if (!data || data.unreachable_total === 0) return null;
  const named = data.unreachable.slice(0, NAMED);
  const more = data.unreachable_total - named.length;
  return (
    <div
      role="region"
      aria-label="Assistants without a model"
      data-testid="serving-banner"
      className="border-b border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <div className="mx-auto flex max-w-6xl gap-3 px-4 py-2.5 text-sm sm:px-6 lg:px-8">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <div className="min-w-0">
          <p className="font-medium">
            {data.unreachable_total === 1
              ? "1 enabled assistant has no reachable model: its questions fail."
              : `${data.unreachable_total} enabled assistants have no reachable model: their questions fail.`}
          </p>
          <ul className="mt-0.5 space-y-0.5">
            {named.map((assistant) => (
              <li key={assistant.id} className="break-words">
                <Link
                  href={`/console/assistants/${assistant.id}`}
                  className="font-medium underline focus-visible:outline-2 focus-visible:outline-red-700"
                >
                  {assistant.name}
                </Link>{" "}
                ({assistant.model}): {assistant.reason}
              </li>
            ))}
          </ul>
          {more > 0 && <p className="mt-0.5">and {more} more.</p>}
          <p className="mt-0.5">
            <Link
              href="/console/backends"
              className="font-medium underline focus-visible:outline-2 focus-visible:outline-red-700"
            >
              Open the backend list
            </Link>
          </p>
        </div>
      </div>
    </div>
  );
}
