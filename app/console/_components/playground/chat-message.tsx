"use client";
import { memo } from "react";
import { AnswerDetails } from "../chat/answer-details";
import { AnswerSources } from "../chat/answer-sources";
import { ChatErrorNotice } from "../chat/chat-error-notice";
import { MessageStatusBadge } from "../chat/message-status-badge";
import { ReasoningBlock } from "../chat/reasoning-block";
import { ToolRunList } from "../chat/tool-run-list";
import { Spinner } from "../ui/spinner";
import type { AnswerEntry, ChatEntry } from "./chat-entries";
import { MarkdownAnswer } from "../../../_components/markdown-answer";

const bubble = "max-w-[min(48rem,90%)] rounded-lg px-3.5 py-2.5 text-sm leading-relaxed";

/** One bubble of the conversation; memoised so a streaming answer re-renders only itself. */
export const ChatMessage = memo(function ChatMessage({
  entry,
  showReasoning,
}: {
  entry: ChatEntry;
  showReasoning: boolean;
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
  return <Answer entry={entry} showReasoning={showReasoning} />;
});

function Answer({ entry, showReasoning }: { entry: AnswerEntry; showReasoning: boolean }) {
  const streaming = entry.status === "streaming";
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
            <MarkdownAnswer text={entry.content} />
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
          <p className="flex items-center gap-2 text-xs text-stone-500">
            <MessageStatusBadge status={entry.status} />
            {entry.status === "stopped" && "You stopped this answer; the generation was cancelled."}
          </p>
        )}
        {entry.error && <ChatErrorNotice code={entry.error.code} message={entry.error.message} />}
        <AnswerSources citations={entry.citations} />
        {entry.details && !streaming && <AnswerDetails details={entry.details} />}
      </div>
    </article>
  );
}
