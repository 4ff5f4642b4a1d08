"use client";
import { useEffect, useState } from "react";
import { AssistantPage } from "../assistants/assistant-page";
import { Card } from "../ui/card";
import { Tabs, tabPanelProps } from "../ui/tabs";
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
}: {
  id: string;
  initialTab: SessionsTab;
  initialUser: string;
}) {
  const [tab, setTab] = useState<SessionsTab>(initialTab);
  const [userText, setUserText] = useState(initialUser);
  const user = userText.trim();

  // The tab and filter live in the address bar, so a reload or a shared link shows the same view.
  useEffect(() => {
    const params = new URLSearchParams();
    if (tab !== "sessions") params.set("view", tab);
    if (user) params.set("user", user);
    const search = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, [tab, user]);

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
              <SessionsTable assistantId={assistant.id} userText={userText} onUserTextChange={setUserText} />
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
