"use client";
import { Download } from "lucide-react";
import { useEffect, useState } from "react";
import { AssistantPage } from "../assistants/assistant-page";
import { buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { Tabs, tabPanelProps } from "../ui/tabs";
import type { Channel } from "@/server/schemas/chat";
import type { SessionFeedbackFilter } from "@/server/schemas/feedback";
import type { DateRange } from "./date-range";
import { EndUsersTable } from "./end-users-table";
import { sessionExportHref, type SessionListFilters } from "./session-export";
import { SessionsTable } from "./sessions-table";

export type SessionsTab = "sessions" | "end-users";

const exportClass = buttonClasses({ variant: "secondary", size: "sm" });

const tabs = [
  { value: "sessions", label: "Sessions" },
  { value: "end-users", label: "End users" },
] as const satisfies Array<{ value: SessionsTab; label: string }>;

/** An assistant's stored conversations (read-only), and the end users they came from. */
export function SessionsView({
  id,
  initialTab,
  initialUser,
  initialDates,
  initialChannel,
  initialFeedback,
}: {
  id: string;
  initialTab: SessionsTab;
  initialUser: string;
  initialDates: DateRange;
  initialChannel: Channel | "";
  initialFeedback: SessionFeedbackFilter | "";
}) {
  const [tab, setTab] = useState<SessionsTab>(initialTab);
  const [userText, setUserText] = useState(initialUser);
  const [dates, setDates] = useState<DateRange>(initialDates);
  const [channel, setChannel] = useState<Channel | "">(initialChannel);
  const [feedback, setFeedback] = useState<SessionFeedbackFilter | "">(initialFeedback);
  const user = userText.trim();

  // The tab and filters live in the address bar, so a reload or a shared link shows the same view.
  useEffect(() => {
    const params = new URLSearchParams();
    if (tab !== "sessions") params.set("view", tab);
    if (user) params.set("user", user);
    if (dates.from) params.set("from", dates.from);
    if (dates.to) params.set("to", dates.to);
    if (channel) params.set("channel", channel);
    if (feedback) params.set("feedback", feedback);
    const search = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, [tab, user, dates, channel, feedback]);

  return (
    <AssistantPage id={id} section="sessions" description="Stored conversations with this assistant.">
      {(assistant) => (
        <Card>
          <Tabs
            label="Sessions and end users"
            idPrefix="sessions"
            tabs={[...tabs]}
            value={tab}
            onChange={setTab}
          />
          <div {...tabPanelProps("sessions", tab)}>
            {tab === "sessions" && (
              <ExportLinks assistantId={assistant.id} filters={{ user, dates, channel, feedback }} />
            )}
            {tab === "sessions" ? (
              <SessionsTable
                assistantId={assistant.id}
                userText={userText}
                onUserTextChange={setUserText}
                dates={dates}
                onDatesChange={setDates}
                channel={channel}
                onChannelChange={setChannel}
                feedback={feedback}
                onFeedbackChange={setFeedback}
              />
            ) : (
              <EndUsersTable
                assistantId={assistant.id}
                onShowSessions={(endUser) => {
                  setUserText(endUser);
                  setTab("sessions");
                }}
              />
            )}
          </div>
        </Card>
      )}
    </AssistantPage>
  );
}

/** Downloads of what the list shows, with its filters (the REST export; the session cookie signs it). */
function ExportLinks({ assistantId, filters }: { assistantId: string; filters: SessionListFilters }) {
  const csv = sessionExportHref(assistantId, filters, "csv");
  const jsonl = sessionExportHref(assistantId, filters, "jsonl");
  if (!csv || !jsonl) return null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2 border-b border-stone-200 px-4 py-3 dark:border-stone-800">
      <a href={csv} download className={exportClass}>
        <Download aria-hidden className="size-4" />
        Export CSV
      </a>
      <a href={jsonl} download className={exportClass}>
        <Download aria-hidden className="size-4" />
        Export JSONL
      </a>
    </div>
  );
}
