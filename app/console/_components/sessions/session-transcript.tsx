"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, MessageSquare, SearchX } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { canChat, useConsoleUser } from "../../_lib/console-user";
import { errorCode, errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { AssistantPage } from "../assistants/assistant-page";
import { useBackendName } from "../chat/use-backend-name";
import { buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { ErrorState } from "../ui/error-state";
import { Spinner } from "../ui/spinner";
import { DeleteSessionButton } from "./delete-session-button";
import { Time } from "./time-cell";
import { TranscriptMessage } from "./transcript-message";

export function SessionTranscriptPage({ id, sessionId }: { id: string; sessionId: string }) {
  return (
    <AssistantPage id={id} section="sessions" description="Transcript of one session.">
      {(assistant) => <SessionTranscript assistantId={assistant.id} sessionId={sessionId} />}
    </AssistantPage>
  );
}

function SessionTranscript({ assistantId, sessionId }: { assistantId: string; sessionId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const canWrite = canChat(useConsoleUser());
  const backendName = useBackendName();
  const session = useQuery(trpc.sessions.get.queryOptions({ assistantId, sessionId }));
  const base = `/console/assistants/${encodeURIComponent(assistantId)}`;

  const back = (
    <Link
      href={`${base}/sessions`}
      className="mb-3 inline-flex items-center gap-1 rounded text-sm text-stone-500 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-400 dark:hover:text-stone-100"
    >
      <ArrowLeft aria-hidden className="size-4" />
      All sessions
    </Link>
  );

  if (session.isPending) {
    return (
      <div className="flex justify-center py-16">
        <Spinner label="Loading the transcript…" />
      </div>
    );
  }
  if (session.isError) {
    return (
      <>
        {back}
        <Card>
          {errorCode(session.error) === "NOT_FOUND" ? (
            <EmptyState icon={SearchX} title="Session not found" description="It may have been deleted." />
          ) : (
            <ErrorState message={errorMessage(session.error)} onRetry={() => void session.refetch()} />
          )}
        </Card>
      </>
    );
  }

  const detail = session.data;
  return (
    <>
      {back}
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="text-lg font-semibold text-stone-900 dark:text-stone-50">
            Session <code className="font-mono text-base break-all">{detail.id}</code>
          </h2>
          <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-500 dark:text-stone-400">
            <div className="flex gap-1">
              <dt>End user</dt>
              <dd className="text-stone-700 dark:text-stone-300">{detail.user ?? "none"}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Started</dt>
              <dd className="text-stone-700 dark:text-stone-300">
                <Time iso={detail.created_at} />
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>Messages</dt>
              <dd className="text-stone-700 tabular-nums dark:text-stone-300">{detail.message_count}</dd>
            </div>
            {Object.entries(detail.metadata).map(([key, value]) => (
              <div key={key} className="flex gap-1">
                <dt className="font-mono">{key}</dt>
                <dd className="text-stone-700 dark:text-stone-300">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
        {canWrite && (
          <div className="flex flex-wrap gap-2">
            <Link
              href={`${base}/playground?session=${encodeURIComponent(detail.id)}`}
              className={buttonClasses({ variant: "secondary" })}
            >
              <MessageSquare aria-hidden className="size-4" />
              Continue in playground
            </Link>
            <DeleteSessionButton
              assistantId={assistantId}
              sessionId={detail.id}
              onDeleted={() => router.push(`${base}/sessions`)}
            />
          </div>
        )}
      </div>
      {detail.messages.length === 0 ? (
        <Card>
          <EmptyState
            icon={MessageSquare}
            title="No messages"
            description="This session has no messages yet."
          />
        </Card>
      ) : (
        <ol aria-label="Messages" className="space-y-3">
          {detail.messages.map((message) => (
            <li key={message.id}>
              <TranscriptMessage message={message} backendName={backendName} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
