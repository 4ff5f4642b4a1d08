"use client";
import { memo } from "react";
import type { FeedbackDto } from "@/server/schemas/feedback";
import { AnswerDetails } from "../chat/answer-details";
import { AnswerSources } from "../chat/answer-sources";
import { ChatErrorNotice } from "../chat/chat-error-notice";
import { MessageStatusBadge } from "../chat/message-status-badge";
import { ReasoningBlock } from "../chat/reasoning-block";
import { ToolRunList } from "../chat/tool-run-list";
import { useCitedSource } from "../chat/use-cited-source";
import { Spinner } from "../ui/spinner";
import { AnswerFeedback } from "./answer-feedback";
import type { AnswerEntry, ChatEntry } from "./chat-entries";
import { MarkdownAnswer } from "../../../_components/markdown-answer";

const bubble = "max-w-[min(48rem,90%)] rounded-lg px-3.5 py-2.5 text-sm leading-relaxed";

/** One bubble of the conversation; memoised so a streaming answer re-renders only itself. */
export const ChatMessage = memo(function ChatMessage({
  entry,
  showReasoning,
  rating,
}: {
  entry: ChatEntry;
  showReasoning: boolean;
  /** Where the answer's thumbs save to; absent before the session is known. */
  rating?: FeedbackTarget;
}) {
  if (entry.role === "user") {
    return (
      <article aria-label="Your message" className="flex justify-end">
        <div className={`${bubble} bg-brand-700 break-words whitespace-pre-wrap text-white`}>
          {entry.content}
        </div>
      </article>
    );
  }
  return <Answer entry={entry} showReasoning={showReasoning} rating={rating} />;
});

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
}: {
  entry: AnswerEntry;
  showReasoning: boolean;
  rating: FeedbackTarget | undefined;
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
        {rating && entry.messageId && !streaming && (
          <AnswerFeedback
            answer={{
              assistantId: rating.assistantId,
              sessionId: rating.sessionId,
              messageId: entry.messageId,
            }}
            feedback={entry.feedback}
            onChange={(feedback) => rating.onChange(entry.key, feedback)}
          />
        )}
      </div>
    </article>
  );
}
