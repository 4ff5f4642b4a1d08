"use client";
import { MessagesSquare } from "lucide-react";
import { useEffect, useRef } from "react";
import { lastQuestion, type ChatEntry, type UserEntry } from "./chat-entries";
import { Button } from "../ui/button";
import { ChatMessage, type FeedbackTarget } from "./chat-message";

/**
 * The message list. It follows a streaming answer down while the reader is at the bottom, and
 * stays put once they scroll up to read. A polite live region: assistive tech announces new text.
 */
export function Conversation({
  entries,
  showReasoning,
  rating,
  starters = [],
  onStarter,
  onAskAgain,
}: {
  entries: ChatEntry[];
  showReasoning: boolean;
  rating?: FeedbackTarget;
  /** The assistant's suggested questions, offered while the conversation is empty. */
  starters?: readonly string[];
  onStarter?: (question: string) => void;
  /** Asks a question again (edited, or as it was): absent while an answer streams. */
  onAskAgain?: (question: UserEntry, text: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const count = entries.length;
  const lastCount = useRef(count);
  const last = onAskAgain ? lastQuestion(entries) : null;
  const lastAnswerKey = entries.at(-1)?.key;

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // A new message (sent or loaded) always brings the view to the bottom.
    if (count !== lastCount.current) atBottom.current = true;
    lastCount.current = count;
    if (atBottom.current) element.scrollTop = element.scrollHeight;
  }, [entries, count]);

  return (
    <div
      ref={scroller}
      role="log"
      aria-label="Conversation"
      aria-live="polite"
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
      }}
      className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
    >
      {entries.length === 0 ? (
        <div className="flex h-full flex-col items-center justify-center text-center text-sm text-stone-500 dark:text-stone-400">
          <MessagesSquare aria-hidden className="mb-2 size-6" />
          <p>Send a message to start a new session, or pick one of the sessions to continue it.</p>
          {starters.length > 0 && onStarter && (
            <ul
              aria-label="Suggested questions"
              className="mt-4 flex max-w-xl flex-wrap justify-center gap-2"
            >
              {starters.map((question) => (
                <li key={question}>
                  <Button
                    variant="secondary"
                    size="sm"
                    className="h-auto py-1.5 whitespace-normal"
                    onClick={() => onStarter(question)}
                  >
                    {question}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        entries.map((entry) => (
          <ChatMessage
            key={entry.key}
            entry={entry}
            showReasoning={showReasoning}
            rating={rating}
            onEdit={onAskAgain}
            onRegenerate={
              last && onAskAgain && entry.key === lastAnswerKey
                ? () => onAskAgain(last, last.content)
                : undefined
            }
          />
        ))
      )}
    </div>
  );
}
