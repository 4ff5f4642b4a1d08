"use client";
import { useQueryClient } from "@tanstack/react-query";
import { MessageSquareOff, Plus, SlidersHorizontal } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import type { AssistantDto } from "@/server/schemas/assistant";
import { canChat, useConsoleUser } from "../../_lib/console-user";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { EnabledToggleButton } from "../assistants/assistant-actions";
import { AssistantPage } from "../assistants/assistant-page";
import { useBackendName } from "../chat/use-backend-name";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button, buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { entriesFromMessages, type UserEntry } from "./chat-entries";
import { ChatComposer } from "./chat-composer";
import { Conversation } from "./conversation";
import { draftOf, overridesOf, summaryOf } from "./run-settings";
import { RunSettingsPanel } from "./run-settings-panel";
import { SessionSidebar } from "./session-sidebar";
import { useChat } from "./use-chat";

export function Playground({ id, initialSessionId }: { id: string; initialSessionId: string | null }) {
  const allowed = canChat(useConsoleUser());
  return (
    <AssistantPage id={id} section="playground" description="Chat with the assistant as your users will.">
      {(assistant) =>
        allowed ? (
          <ChatPlayground assistant={assistant} initialSessionId={initialSessionId} />
        ) : (
          <ViewersCannotChat assistantId={assistant.id} />
        )
      }
    </AssistantPage>
  );
}

function ViewersCannotChat({ assistantId }: { assistantId: string }) {
  return (
    <Card>
      <EmptyState
        icon={MessageSquareOff}
        title="Viewers cannot chat"
        description="The server refuses chat requests from the viewer role. Ask an admin for the operator role; meanwhile you can read this assistant's sessions."
        action={
          <Link
            href={`/console/assistants/${encodeURIComponent(assistantId)}/sessions`}
            className={buttonClasses({ variant: "secondary" })}
          >
            Read sessions
          </Link>
        }
      />
    </Card>
  );
}

function ChatPlayground({
  assistant,
  initialSessionId,
}: {
  assistant: AssistantDto;
  initialSessionId: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const backendName = useBackendName();
  const chat = useChat(assistant.id);
  const [showReasoning, setShowReasoning] = useState(false);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(assistant.generation));
  const { overrides, errors } = overridesOf(draft, assistant.generation);
  const settingsChanged = JSON.stringify(draft) !== JSON.stringify(draftOf(assistant.generation));
  const settingsSummary = summaryOf(overrides);
  const settingsInvalid = Object.keys(errors).length > 0;
  const { load, setFeedback } = chat;
  const rating = useMemo(
    () =>
      chat.sessionId
        ? { assistantId: assistant.id, sessionId: chat.sessionId, onChange: setFeedback }
        : undefined,
    [assistant.id, chat.sessionId, setFeedback],
  );

  async function openSession(sessionId: string) {
    setLoadingId(sessionId);
    setLoadError(null);
    try {
      const detail = await queryClient.fetchQuery(
        trpc.sessions.get.queryOptions({ assistantId: assistant.id, sessionId }),
      );
      load(sessionId, entriesFromMessages(detail.messages, backendName));
    } catch (error) {
      setLoadError(errorMessage(error));
    } finally {
      setLoadingId(null);
    }
  }

  function ask(message: string, replace?: UserEntry) {
    if (settingsInvalid) {
      setSettingsOpen(true);
      return;
    }
    void chat.send(message, { reasoning: showReasoning, overrides, replace });
  }
  // (While an answer streams, nothing can be asked again: the messages then get no new callbacks.)

  // A link to /playground?session=… opens that session once.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !initialSessionId) return;
    opened.current = true;
    void openSession(initialSessionId);
  });

  // Keep the session in the address bar, so a reload continues it.
  useEffect(() => {
    const search = chat.sessionId ? `?session=${encodeURIComponent(chat.sessionId)}` : "";
    window.history.replaceState(null, "", `${window.location.pathname}${search}`);
  }, [chat.sessionId]);

  return (
    <div className="grid gap-4 md:grid-cols-[15rem_minmax(0,1fr)]">
      <div className="order-2 md:order-1">
        <SessionSidebar
          assistantId={assistant.id}
          activeId={chat.sessionId}
          loadingId={loadingId}
          onSelect={(sessionId) => void openSession(sessionId)}
        />
      </div>
      <Card className="order-1 flex h-[min(75vh,48rem)] min-h-[26rem] flex-col md:order-2">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-stone-200 px-4 py-2.5 dark:border-stone-800">
          <p className="min-w-0 truncate text-sm text-stone-600 dark:text-stone-400">
            {chat.sessionId ? (
              <>
                Session <code className="font-mono text-stone-800 dark:text-stone-200">{chat.sessionId}</code>
              </>
            ) : (
              "New session"
            )}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Button
              variant="secondary"
              size="sm"
              aria-expanded={settingsOpen}
              aria-controls={settingsOpen ? "playground-run-settings" : undefined}
              onClick={() => setSettingsOpen((open) => !open)}
              title={settingsSummary ? `Next answers: ${settingsSummary}` : "The assistant's own settings"}
            >
              <SlidersHorizontal aria-hidden className="size-4" />
              Run settings
              {(settingsSummary || settingsInvalid) && (
                <Badge tone={settingsInvalid ? "danger" : "brand"}>
                  {settingsInvalid ? "Invalid" : "Changed"}
                </Badge>
              )}
            </Button>
            <Button variant="secondary" size="sm" onClick={chat.reset} disabled={chat.entries.length === 0}>
              <Plus aria-hidden className="size-4" />
              New session
            </Button>
          </div>
        </div>
        {settingsOpen && (
          <RunSettingsPanel
            id="playground-run-settings"
            generation={assistant.generation}
            draft={draft}
            errors={errors}
            changed={settingsChanged}
            onChange={setDraft}
            onReset={() => setDraft(draftOf(assistant.generation))}
          />
        )}
        {!assistant.enabled && (
          <Alert tone="warning" title="This assistant is disabled" className="m-3 mb-0">
            <span className="flex flex-wrap items-center gap-2">
              It refuses requests until it is enabled again.
              <EnabledToggleButton assistant={assistant} />
            </span>
          </Alert>
        )}
        {loadError && (
          <Alert title="Could not load the session" className="m-3 mb-0">
            {loadError}
          </Alert>
        )}
        <Conversation
          entries={chat.entries}
          showReasoning={showReasoning}
          rating={rating}
          starters={assistant.enabled ? assistant.suggested_questions : []}
          onStarter={(question) => ask(question)}
          onAskAgain={chat.streaming ? undefined : (question, text) => ask(text, question)}
        />
        <ChatComposer
          streaming={chat.streaming}
          showReasoning={showReasoning}
          onShowReasoningChange={setShowReasoning}
          blocked={settingsInvalid ? "Fix the run settings to send" : null}
          onSend={(message) => ask(message)}
          onStop={chat.stop}
        />
      </Card>
    </div>
  );
}
