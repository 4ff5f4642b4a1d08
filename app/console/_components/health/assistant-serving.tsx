"use client";
// On every page of one assistant: whether its model can be reached now, through which backends, and
// what is wrong with them (state and reason as the gateway sees them), with the way to the fix.
import Link from "next/link";
import type { AssistantDto } from "@/server/schemas/assistant";
import { stateNames, stateTones } from "../backends/backend-health";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { servingNames, servingTones, useAssistantServing } from "./serving-badge";

const frames = {
  healthy: "border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900",
  retrieval_only: "border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900",
  degraded: "border-amber-200 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40",
  unreachable: "border-red-200 bg-red-50 dark:border-red-900 dark:bg-red-950/40",
} as const;

export function AssistantServing({ assistant }: { assistant: AssistantDto }) {
  const serving = useAssistantServing(assistant);
  if (!serving) return null;
  const models = [assistant.model, ...assistant.fallback_models].join(", then ");
  return (
    <section
      aria-label="Model health"
      data-testid="assistant-serving"
      className={cn("mb-4 rounded-lg border px-4 py-3 text-sm", frames[serving.state])}
    >
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Badge tone={servingTones[serving.state]}>{servingNames[serving.state]}</Badge>
        <span className="text-stone-700 dark:text-stone-300">
          <span className="font-mono text-xs">{models}</span>
        </span>
        {serving.state !== "healthy" && (
          <span className="text-stone-800 dark:text-stone-200">{serving.reason}</span>
        )}
      </p>
      {serving.backends.length > 0 && (
        <ul aria-label="Backends serving this assistant" className="mt-2 flex flex-wrap gap-x-5 gap-y-1.5">
          {serving.backends.map((backend) => (
            <li key={backend.id} className="flex min-w-0 items-center gap-1.5">
              <span className="font-medium text-stone-900 dark:text-stone-100">{backend.name}</span>
              <Badge tone={stateTones[backend.state]}>{stateNames[backend.state]}</Badge>
              {backend.state !== "healthy" && (
                <span className="text-xs text-stone-600 dark:text-stone-300">{backend.reason}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {serving.state === "unreachable" && (
        <p className="mt-2 text-xs text-stone-600 dark:text-stone-300">
          Questions to this assistant fail until a backend serving its model is back.{" "}
          <Link href="/console/backends" className="font-medium text-brand-700 underline dark:text-brand-500">
            Check each backend
          </Link>{" "}
          or change its model below.
        </p>
      )}
    </section>
  );
}
