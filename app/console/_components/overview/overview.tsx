"use client";
import { useQuery } from "@tanstack/react-query";
import { BookOpen, Bot, KeyRound } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { canWriteAssistants, isAdmin, useConsoleUser } from "../../_lib/console-user";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { NewAssistantLink } from "../assistants/new-assistant-link";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { ErrorState } from "../ui/error-state";
import { PageHeader } from "../ui/page-header";
import { HealthCard } from "./health-card";
import { RecentAssistants } from "./recent-assistants";
import { TrafficCard } from "./traffic-card";

/** One count of assistants (the list's `total` for a filter; one row fetched at most). */
function useAssistantCount(enabled?: boolean) {
  const trpc = useTRPC();
  return useQuery(trpc.assistants.list.queryOptions({ limit: 1, enabled }, { select: (list) => list.total }));
}

function StatCard({ label, value, href }: { label: string; value: number | undefined; href: string }) {
  return (
    <Link
      href={href}
      className="group rounded-lg border border-stone-200 bg-white p-5 shadow-xs transition-colors hover:border-brand-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:border-stone-800 dark:bg-stone-900"
    >
      <p className="text-sm font-medium text-stone-500 dark:text-stone-400">{label}</p>
      <p className="mt-2 text-3xl font-semibold text-stone-900 tabular-nums dark:text-stone-50">
        {value ?? (
          <span className="inline-block h-8 w-12 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
        )}
      </p>
    </Link>
  );
}

function QuickLink({
  href,
  icon,
  title,
  children,
}: {
  href: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
}) {
  return (
    <Link
      href={href}
      className="flex gap-3 rounded-md p-3 transition-colors hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-brand-600 dark:hover:bg-stone-800"
    >
      <span className="mt-0.5 text-brand-600">{icon}</span>
      <span>
        <span className="block text-sm font-medium text-stone-900 dark:text-stone-100">{title}</span>
        <span className="block text-sm text-stone-500 dark:text-stone-400">{children}</span>
      </span>
    </Link>
  );
}

export function Overview() {
  const user = useConsoleUser();
  const canWrite = canWriteAssistants(user);
  const total = useAssistantCount();
  const enabled = useAssistantCount(true);
  const disabled = useAssistantCount(false);

  const newAssistant = <NewAssistantLink />;

  return (
    <>
      <PageHeader title="Overview" description="Your Hearth deployment at a glance." actions={newAssistant} />
      {total.isError ? (
        <Card>
          <ErrorState message={errorMessage(total.error)} onRetry={() => void total.refetch()} />
        </Card>
      ) : total.data === 0 ? (
        <Card>
          <EmptyState
            icon={Bot}
            title="No assistants yet"
            description={
              canWrite
                ? "Create your first assistant: pick a model, write its instructions, and it is ready to answer."
                : "An admin or operator has not created any assistant yet."
            }
            action={newAssistant}
          />
        </Card>
      ) : (
        <section aria-label="Assistants" className="grid gap-4 sm:grid-cols-3">
          <StatCard label="Assistants" value={total.data} href="/console/assistants" />
          <StatCard label="Enabled" value={enabled.data} href="/console/assistants?enabled=true" />
          <StatCard label="Disabled" value={disabled.data} href="/console/assistants?enabled=false" />
        </section>
      )}

      <TrafficCard />

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <HealthCard />
        <RecentAssistants />
      </div>

      <Card className="mt-6 p-2">
        <h2 className="px-3 pt-3 pb-1 text-sm font-semibold text-stone-900 dark:text-stone-100">
          Next steps
        </h2>
        <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          <QuickLink
            href="/console/assistants"
            icon={<Bot aria-hidden className="size-5" />}
            title="Manage assistants"
          >
            Search, enable, disable and edit.
          </QuickLink>
          {isAdmin(user) && (
            <QuickLink
              href="/console/api-keys"
              icon={<KeyRound aria-hidden className="size-5" />}
              title="Create an API key"
            >
              Let an integration call the REST API.
            </QuickLink>
          )}
          <QuickLink
            href="/console/api-reference"
            icon={<BookOpen aria-hidden className="size-5" />}
            title="Read the API reference"
          >
            Every endpoint, with examples.
          </QuickLink>
        </div>
      </Card>
    </>
  );
}
