"use client";
// Loads one assistant for the pages under /console/assistants/[id] (playground, knowledge, sessions), with
// the same loading, not-found and error states as the settings page.
import { useQuery } from "@tanstack/react-query";
import { SearchX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { AssistantDto } from "@/server/schemas/assistant";
import { errorCode, errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { ErrorState } from "../ui/error-state";
import { PageHeader } from "../ui/page-header";
import type { QueryLike } from "../ui/query-state";
import { Spinner } from "../ui/spinner";
import { AssistantServing } from "../health/assistant-serving";
import { AssistantTabs, type AssistantSection } from "./assistant-tabs";
import { BackToAssistants } from "./new-assistant";

type AssistantPageProps = {
  id: string;
  section: AssistantSection;
  /** The page's own heading under the assistant's name ("Playground", "Sessions"...). */
  description?: ReactNode;
  children: (assistant: AssistantDto) => ReactNode;
};

export function AssistantPage({ id, section, description, children }: AssistantPageProps) {
  const trpc = useTRPC();
  const assistant = useQuery(trpc.assistants.get.queryOptions({ id }));

  if (assistant.data) {
    return (
      <>
        <BackToAssistants />
        <PageHeader
          title={
            <span className="flex flex-wrap items-center gap-3">
              {assistant.data.name}
              {assistant.data.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
            </span>
          }
          description={description}
        />
        <AssistantServing assistant={assistant.data} />
        <AssistantTabs id={assistant.data.id} current={section} />
        {children(assistant.data)}
      </>
    );
  }
  return <AssistantNotLoaded id={id} query={assistant} />;
}

/**
 * The assistant pages before their assistant is there: loading, not found (or an id that cannot
 * be one), or failed with a way to try again.
 */
export function AssistantNotLoaded({ id, query }: { id: string; query: QueryLike<AssistantDto> }) {
  if (query.isPending) {
    return (
      <div className="flex justify-center py-24">
        <Spinner label="Loading assistant…" />
      </div>
    );
  }
  const code = errorCode(query.error);
  return (
    <>
      <BackToAssistants />
      <Card>
        {code === "NOT_FOUND" || code === "INVALID_INPUT" ? (
          <EmptyState
            icon={SearchX}
            title="Assistant not found"
            description={
              <>
                No assistant has the id <code className="font-mono">{id}</code>. It may have been deleted.
              </>
            }
            action={
              <Link href="/console/assistants" className={buttonClasses({ variant: "secondary" })}>
                All assistants
              </Link>
            }
          />
        ) : (
          <ErrorState message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
        )}
      </Card>
    </>
  );
}
