"use client";
import { Pencil, RotateCcw } from "lucide-react";
import { memo, useId, useState, type KeyboardEvent } from "react";
import type { FeedbackDto } from "@/server/schemas/feedback";
import { AnswerDetails } from "../chat/answer-details";
import { AnswerSources } from "../chat/answer-sources";
import { ChatErrorNotice } from "../chat/chat-error-notice";
import { MessageStatusBadge } from "../chat/message-status-badge";
import { ReasoningBlock } from "../chat/reasoning-block";
import { ToolRunList } from "../chat/tool-run-list";
import { useCitedSource } from "../chat/use-cited-source";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { Textarea } from "../ui/input";
import { Spinner } from "../ui/spinner";
import { AnswerFeedback } from "./answer-feedback";
import type { AnswerEntry, ChatEntry, UserEntry } from "./chat-entries";
import { MarkdownAnswer } from "../../../_components/markdown-answer";

const bubble = "max-w-[min(48rem,90%)] rounded-lg px-3.5 py-2.5 text-sm leading-relaxed";

/** One bubble of the conversation; memoised so a streaming answer re-renders only itself. */
export const ChatMessage = memo(function ChatMessage({
  entry,
  showReasoning,
  rating,
  onEdit,
  onRegenerate,
}: {
  entry: ChatEntry;
  showReasoning: boolean;
  /** Where the answer's thumbs save to; absent before the session is known. */
  rating?: FeedbackTarget;
  /** A question: resend it edited (absent while an answer streams, or before it is stored). */
  onEdit?: (question: UserEntry, text: string) => void;
  /** The last answer: ask its question again (absent while an answer streams). */
  onRegenerate?: () => void;
}) {
  if (entry.role === "user") return <Question entry={entry} onEdit={onEdit} />;
  return <Answer entry={entry} showReasoning={showReasoning} rating={rating} onRegenerate={onRegenerate} />;
});

/** A question, which can be edited and resent: what followed it is replaced by the new answer. */
function Question({
  entry,
  onEdit,
}: {
  entry: UserEntry;
  onEdit: ((question: UserEntry, text: string) => void) | undefined;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const fieldId = useId();
  const editable = onEdit && entry.messageId;
  const canResend = draft !== null && draft.trim() !== "";

  function resend() {
    if (!editable || !canResend) return;
    onEdit(entry, draft);
    setDraft(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      setDraft(null);
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      resend();
    }
  }

  return (
    <article aria-label="Your message" className="flex flex-col items-end gap-1">
      {editable && draft !== null ? (
        <form
          className="w-full max-w-[min(48rem,90%)] space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            resend();
          }}
        >
          <label htmlFor={fieldId} className="sr-only">
            Edit your question
          </label>
          <Textarea
            id={fieldId}
            rows={3}
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            className="resize-y"
          />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" size="sm" onClick={() => setDraft(null)}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={!canResend}>
              Resend
            </Button>
          </div>
          <p className="text-right text-xs text-stone-500 dark:text-stone-400">
            Resending replaces this question and everything after it.
          </p>
        </form>
      ) : (
        <>
          <div
            data-question-text
            className={`${bubble} bg-brand-700 break-words whitespace-pre-wrap text-white`}
          >
            {entry.content}
          </div>
          {editable && (
            <Button variant="ghost" size="sm" onClick={() => setDraft(entry.content)}>
              <Pencil aria-hidden className="size-3.5" />
              Edit
            </Button>
          )}
        </>
      )}
    </article>
  );
}

/** The conversation's assistant and session, and how a new rating reaches the answer's entry. */
export interface FeedbackTarget {
  assistantId: string;
  sessionId: string;
  onChange: (key: string, feedback: FeedbackDto | null) => void;
}

function Answer({
  entry,
  showReasoning,
  rating,
  onRegenerate,
}: {
  entry: AnswerEntry;
  showReasoning: boolean;
  rating: FeedbackTarget | undefined;
  onRegenerate: (() => void) | undefined;
}) {
  const streaming = entry.status === "streaming";
  const cited = useCitedSource();
  // A running tool says what is happening itself.
  const calling = entry.tools.some((tool) => tool.status === "running");
  const waiting = streaming && entry.content === "" && entry.reasoning === "" && !calling;
  return (
    <article aria-label="Assistant message" aria-busy={streaming || undefined} className="flex">
      <div
        className={`${bubble} space-y-2 border border-stone-200 bg-white text-stone-900 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100`}
      >
        {showReasoning && entry.reasoning && (
          <ReasoningBlock
            text={entry.reasoning}
            defaultOpen={streaming}
            streaming={streaming && entry.content === ""}
          />
        )}
        <ToolRunList runs={entry.tools} />
        {waiting && <Spinner label="Waiting for the answer…" />}
        {entry.content && (
          <div data-answer-text className="break-words">
            <MarkdownAnswer text={entry.content} sources={entry.citations.length} onCite={cited.onCite} />
            {streaming && (
              <span
                aria-hidden
                className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-stone-400 align-middle"
              />
            )}
          </div>
        )}
        {entry.status === "completed" && entry.content === "" && (
          <p className="text-stone-500 italic dark:text-stone-400">(no answer text)</p>
        )}
        {entry.status !== "streaming" && entry.status !== "completed" && (
          <p className="flex items-center gap-2 text-xs text-stone-500 dark:text-stone-400">
            <MessageStatusBadge status={entry.status} />
            {entry.status === "stopped" && "You stopped this answer; the generation was cancelled."}
          </p>
        )}
        {entry.error && <ChatErrorNotice code={entry.error.code} message={entry.error.message} />}
        <AnswerSources citations={entry.citations} selected={cited.selected} onSelect={cited.onSelect} />
        {entry.details && !streaming && <AnswerDetails details={entry.details} />}
        {!streaming && (entry.content !== "" || onRegenerate || (rating && entry.messageId)) && (
          <div className="flex flex-wrap items-start gap-1 border-t border-stone-200 pt-2 dark:border-stone-700">
            {entry.content !== "" && <CopyButton text={entry.content} variant="ghost" size="sm" />}
            {onRegenerate && (
              <Button variant="ghost" size="sm" onClick={onRegenerate}>
                <RotateCcw aria-hidden className="size-4" />
                Regenerate
              </Button>
            )}
            {rating && entry.messageId && (
              <div className="min-w-0 flex-1">
                <AnswerFeedback
                  answer={{
                    assistantId: rating.assistantId,
                    sessionId: rating.sessionId,
                    messageId: entry.messageId,
                  }}
                  feedback={entry.feedback}
                  onChange={(feedback) => rating.onChange(entry.key, feedback)}
                />
              </div>
            )}
          </div>
        )}
      </div>
    </article>
  );
}
