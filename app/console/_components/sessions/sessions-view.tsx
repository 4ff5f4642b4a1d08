"use client";
import { useEffect, useState } from "react";
import { AssistantPage } from "../assistants/assistant-page";
import { Card } from "../ui/card";
import { Tabs, tabPanelProps } from "../ui/tabs";
import type { DateRange } from "./date-range";
import { EndUsersTable } from "./end-users-table";
import { SessionsTable } from "./sessions-table";

export type SessionsTab = "sessions" | "end-users";

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
}: {
  id: string;
  initialTab: SessionsTab;
  initialUser: string;
  initialDates: DateRange;
}) {
  const [tab, setTab] = useState<SessionsTab>(initialTab);
  const [userText, setUserText] = useState(initialUser);
  const [dates, setDates] = useState<DateRange>(initialDates);
  const user = userText.trim();

  // The tab and filters live in the address bar, so a reload or a shared link shows the same view.
  useEffect(() => {
    const params = new URLSearchParams();
    if (tab !== "sessions") params.set("view", tab);
    if (user) params.set("user", user);
    if (dates.from) params.set("from", dates.from);
    if (dates.to) params.set("to", dates.to);
    const search = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, [tab, user, dates]);

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
            {tab === "sessions" ? (
              <SessionsTable
                assistantId={assistant.id}
                userText={userText}
                onUserTextChange={setUserText}
                dates={dates}
                onDatesChange={setDates}
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
