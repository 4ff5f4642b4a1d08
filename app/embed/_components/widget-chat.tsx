"use client";
// The widget's chat, inside the iframe (Hearth's origin). It keeps the token of its conversation in
// localStorage, so a reload of the embedding page continues the same conversation; the server
// decides which conversation a token may read and continue.
import { RotateCcw, Send, X } from "lucide-react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { FeedbackRating } from "@/server/schemas/feedback";
import type {
  VisitorError,
  VisitorEvent,
  WidgetAppearance,
  WidgetSessionResponse,
} from "@/server/schemas/widget";
import { widgetMessages, type WidgetMessages } from "@/server/schemas/widget-messages";
import { MarkdownAnswer } from "../../_components/markdown-answer";
import { readServerSentEvents } from "../../_lib/sse";
import {
  applyVisitorEvent,
  failedEntry,
  isRateable,
  newExchange,
  transcriptEntry,
  visitorErrorText,
  type WidgetEntry,
} from "./widget-entries";
import { WidgetFeedback } from "./widget-feedback";
import { WidgetSources } from "./widget-sources";
import { WidgetTexts } from "./widget-texts";
import { WidgetTools } from "./widget-tools";

/** What the visitor reads; the reference lets the site's operator find what went wrong. */
class WidgetRequestError extends Error {
  constructor(error: Pick<VisitorError, "message" | "reference">, texts: WidgetMessages) {
    super(visitorErrorText(error, texts.reference));
  }
}

async function errorOf(response: Response, texts: WidgetMessages): Promise<WidgetRequestError> {
  try {
    const body = (await response.json()) as { error?: VisitorError };
    if (body.error?.message) return new WidgetRequestError(body.error, texts);
  } catch {
    // not our JSON error
  }
  return new WidgetRequestError(
    { message: texts.unavailableNow, reference: response.headers.get("x-request-id") ?? "" },
    texts,
  );
}

/** A call to the embed endpoints, asking for their failures in the widget's language. */
function post(path: string, token: string, language: string, body: unknown) {
  return fetch(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      "accept-language": language,
    },
    body: JSON.stringify(body),
  });
}

function storageKey(assistantId: string) {
  return `hearth-widget:${assistantId}`;
}

/**
 * The token of this browser's earlier conversation. Hearth's own storage in the iframe is
 * third-party storage, which some browsers refuse (Chrome's incognito, for one); the launcher then
 * keeps the token in the site's storage and hands it over in the iframe's URL fragment (which is
 * never sent to a server).
 */
function keptToken(assistantId: string): string | null {
  try {
    const stored = localStorage.getItem(storageKey(assistantId));
    if (stored) return stored;
  } catch {
    // storage refused: fall back to the launcher's copy
  }
  return new URLSearchParams(window.location.hash.slice(1)).get("resume");
}

/** Keeps the conversation's token where this browser allows: here, and with the launcher. */
function keepToken(appearance: WidgetAppearance, token: string): void {
  try {
    localStorage.setItem(storageKey(appearance.assistantId), token);
  } catch {
    // storage refused: the launcher's copy is the only one
  }
  window.parent.postMessage({ type: "hearth-widget:session", token }, appearance.siteOrigin);
}

/** Opens the conversation: resumes the one this browser kept for the assistant when it can. */
async function openSession(appearance: WidgetAppearance, pageToken: string, resume: boolean) {
  const kept = resume ? keptToken(appearance.assistantId) : null;
  const response = await post(
    `/embed/${encodeURIComponent(appearance.assistantId)}/session`,
    pageToken,
    appearance.language,
    {
      ...(kept ? { resume_token: kept } : {}),
    },
  );
  if (!response.ok) throw await errorOf(response, widgetMessages(appearance.language));
  const session = (await response.json()) as WidgetSessionResponse;
  keepToken(appearance, session.token);
  return session;
}

function useWidgetSession(appearance: WidgetAppearance, pageToken: string) {
  const [token, setToken] = useState<string | null>(null);
  const [entries, setEntries] = useState<WidgetEntry[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const start = useCallback(
    (resume: boolean) =>
      openSession(appearance, pageToken, resume).then(
        (session) => {
          setToken(session.token);
          setEntries(session.messages.map(transcriptEntry));
          setFailure(null);
        },
        (error: unknown) =>
          setFailure(
            error instanceof Error ? error.message : widgetMessages(appearance.language).couldNotStart,
          ),
      ),
    [appearance, pageToken],
  );

  useEffect(() => {
    // The console's preview shows the look only: it has no conversation to open.
    if (!appearance.preview) void start(true);
  }, [start, appearance.preview]);

  return { token, entries, setEntries, failure, restart: () => start(false) };
}

export function WidgetChat({ appearance, pageToken }: { appearance: WidgetAppearance; pageToken: string }) {
  const { token, entries, setEntries, failure, restart } = useWidgetSession(appearance, pageToken);
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);
  const log = useRef<HTMLElement>(null);
  const exchanges = useRef(0);
  const color = appearance.primaryColor;
  const texts = widgetMessages(appearance.language);

  // Scrolls the conversation only: scrollIntoView would scroll the embedding page as well.
  useEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [entries]);

  const update = (id: string, change: (entry: WidgetEntry) => WidgetEntry) =>
    setEntries((all) => all.map((entry) => (entry.id === id ? change(entry) : entry)));

  async function ask(message: string, answerId: string) {
    const response = await post(
      `/embed/${encodeURIComponent(appearance.assistantId)}/stream`,
      token!,
      appearance.language,
      {
        message,
      },
    );
    if (!response.ok || !response.body) throw await errorOf(response, texts);
    for await (const frame of readServerSentEvents(response.body)) {
      const event = JSON.parse(frame.data) as VisitorEvent;
      update(answerId, (entry) => applyVisitorEvent(entry, event, texts.reference));
      // The stream ends with its error; nothing after it belongs to this answer.
      if (event.type === "error") return;
    }
  }

  async function rate(entry: WidgetEntry, rating: FeedbackRating, comment?: string) {
    const response = await post(
      `/embed/${encodeURIComponent(appearance.assistantId)}/feedback`,
      token!,
      appearance.language,
      {
        message_id: entry.messageId,
        rating,
        ...(comment ? { comment } : {}),
      },
    );
    if (!response.ok) throw await errorOf(response, texts);
    update(entry.id, (current) => ({ ...current, rating }));
  }

  async function send(message: string) {
    if (!message || busy || !token) return;
    const [question, answer] = newExchange(message, ++exchanges.current);
    setBusy(true);
    setEntries((all) => [...all, question, answer]);
    try {
      await ask(message, answer.id);
    } catch (error) {
      const text = error instanceof Error ? error.message : texts.answerFailed;
      update(answer.id, (entry) => failedEntry(entry, text));
    } finally {
      setBusy(false);
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const message = draft.trim();
    if (!message || busy || !token) return;
    setDraft("");
    await send(message);
  }

  return (
    <WidgetTexts language={appearance.language}>
      <div lang={appearance.language} className="flex h-dvh flex-col bg-white text-stone-900">
        <header className="flex items-center gap-2 px-4 py-3 text-white" style={{ backgroundColor: color }}>
          <h1 className="min-w-0 flex-1 truncate text-sm font-semibold">{appearance.title}</h1>
          <button
            type="button"
            onClick={() => void restart()}
            disabled={appearance.preview}
            className="rounded p-1 hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-white"
            aria-label={texts.newConversation}
            title={texts.newConversation}
          >
            <RotateCcw aria-hidden className="size-4" />
          </button>
          <button
            type="button"
            onClick={() => window.parent.postMessage({ type: "hearth-widget:close" }, appearance.siteOrigin)}
            className="rounded p-1 hover:bg-white/20 focus-visible:outline-2 focus-visible:outline-white"
            aria-label={texts.closeChat}
          >
            <X aria-hidden className="size-4" />
          </button>
        </header>
        <main
          ref={log}
          aria-label={texts.conversation}
          aria-live="polite"
          className="flex-1 space-y-3 overflow-y-auto px-4 py-4 text-sm"
        >
          {appearance.greeting && (
            <p className="max-w-[90%] rounded-lg bg-stone-100 px-3 py-2 whitespace-pre-wrap">
              {appearance.greeting}
            </p>
          )}
          {entries.length === 0 && appearance.suggestions.length > 0 && (
            <ul aria-label={texts.suggestions} className="flex flex-wrap gap-2">
              {appearance.suggestions.map((suggestion) => (
                <li key={suggestion}>
                  <button
                    type="button"
                    onClick={() => void send(suggestion)}
                    disabled={busy || !token}
                    className="rounded-full border px-3 py-1.5 text-left text-sm text-stone-800 hover:bg-stone-50 focus-visible:outline-2 disabled:opacity-60"
                    style={{ borderColor: color }}
                  >
                    {suggestion}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {appearance.preview && (
            <p className="rounded-lg border border-dashed border-stone-300 px-3 py-2 text-xs text-stone-600">
              {texts.preview}
            </p>
          )}
          {failure && (
            <p role="alert" className="rounded bg-red-50 px-3 py-2 text-red-800">
              {failure}
            </p>
          )}
          {entries.map((entry) =>
            entry.role === "user" ? (
              <article key={entry.id} aria-label={texts.yourMessage} className="flex justify-end">
                <div
                  className="max-w-[85%] rounded-lg px-3 py-2 break-words whitespace-pre-wrap text-white"
                  style={{ backgroundColor: color }}
                >
                  {entry.content}
                </div>
              </article>
            ) : (
              <article
                key={entry.id}
                aria-label={texts.assistantMessage}
                aria-busy={entry.status === "in_progress" || undefined}
                className="max-w-[95%] space-y-2 rounded-lg border border-stone-200 px-3 py-2"
              >
                <WidgetTools tools={entry.tools} />
                {entry.content ? (
                  <div data-answer-text className="break-words">
                    <MarkdownAnswer text={entry.content} />
                  </div>
                ) : entry.status === "in_progress" &&
                  !entry.tools?.some((tool) => tool.status === "running") ? (
                  <p className="text-stone-500">{texts.thinking}</p>
                ) : null}
                {entry.error && (
                  <p role="alert" className="text-red-700">
                    {entry.error}
                  </p>
                )}
                <WidgetSources sources={entry.sources} />
                {token && isRateable(entry) && (
                  <WidgetFeedback
                    rating={entry.rating}
                    color={color}
                    onRate={(rating, comment) => rate(entry, rating, comment)}
                  />
                )}
              </article>
            ),
          )}
        </main>
        <form
          onSubmit={(event) => void onSubmit(event)}
          className="flex gap-2 border-t border-stone-200 px-3 py-3"
        >
          <label htmlFor="widget-message" className="sr-only">
            {texts.message}
          </label>
          <textarea
            id="widget-message"
            rows={1}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
            // Until the conversation is open (and the page hydrated) nothing typed could be sent.
            disabled={!token}
            placeholder={
              token ? texts.askPlaceholder : appearance.preview ? texts.askPlaceholder : texts.connecting
            }
            className="min-h-9 flex-1 resize-none rounded-md border border-stone-300 px-3 py-2 text-sm focus-visible:outline-2 disabled:bg-stone-50"
          />
          <button
            type="submit"
            disabled={busy || !token || draft.trim() === ""}
            className="flex items-center gap-1 rounded-md px-3 text-sm font-medium text-white disabled:opacity-50"
            style={{ backgroundColor: color }}
          >
            <Send aria-hidden className="size-4" />
            {texts.send}
          </button>
        </form>
      </div>
    </WidgetTexts>
  );
}
