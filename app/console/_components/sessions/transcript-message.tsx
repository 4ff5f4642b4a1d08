import type { MessageDto } from "@/server/schemas/chat";
import { AnswerDetails, storedRag } from "../chat/answer-details";
import { AnswerSources } from "../chat/answer-sources";
import { ChatErrorNotice } from "../chat/chat-error-notice";
import { FeedbackNote } from "../chat/feedback-note";
import { MessageStatusBadge } from "../chat/message-status-badge";
import { ReasoningBlock } from "../chat/reasoning-block";
import { toolActivityOf } from "../chat/tool-activity";
import { ToolCallList } from "../chat/tool-call-list";
import { ToolRunList } from "../chat/tool-run-list";
import { useCitedSource } from "../chat/use-cited-source";
import { cn } from "../ui/cn";
import { Time } from "./time-cell";
import { MarkdownAnswer } from "../../../_components/markdown-answer";

/** One stored message with everything recorded about it. */
export function TranscriptMessage({
  message,
  backendName,
}: {
  message: MessageDto;
  backendName: (id: string) => string;
}) {
  const isUser = message.role === "user";
  const headingId = `message-${message.id}`;
  const cited = useCitedSource();
  return (
    <article
      aria-labelledby={headingId}
      className={cn(
        "space-y-2 rounded-lg border p-4",
        isUser
          ? "border-brand-100 bg-brand-50/60 dark:border-stone-700 dark:bg-stone-800/60"
          : "border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900",
      )}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <h3 id={headingId} className="font-semibold text-stone-900 dark:text-stone-100">
          {isUser ? "User" : "Assistant"}
        </h3>
        <span className="text-xs text-stone-500 dark:text-stone-400">
          <Time iso={message.created_at} />
        </span>
        <MessageStatusBadge status={message.status} />
      </header>
      {message.reasoning && <ReasoningBlock text={message.reasoning} />}
      {message.tool_runs && <ToolRunList runs={message.tool_runs.map(toolActivityOf)} />}
      {message.content ? (
        <div className="text-sm leading-relaxed break-words text-stone-900 dark:text-stone-100">
          {isUser ? (
            <p className="whitespace-pre-wrap">{message.content}</p>
          ) : (
            <MarkdownAnswer text={message.content} sources={message.citations.length} onCite={cited.onCite} />
          )}
        </div>
      ) : message.tool_calls ? null : (
        <p className="text-sm text-stone-500 italic dark:text-stone-400">(no text)</p>
      )}
      {message.tool_calls && <ToolCallList calls={message.tool_calls} />}
      {message.error && <ChatErrorNotice code={message.error.code} message={message.error.message} />}
      {message.error?.detail && (
        <p className="text-xs break-words text-stone-600 dark:text-stone-400">
          <span className="font-medium">Detail for operators:</span>{" "}
          <span className="font-mono">{message.error.detail}</span>
        </p>
      )}
      {!isUser && (
        <AnswerSources citations={message.citations} selected={cited.selected} onSelect={cited.onSelect} />
      )}
      {message.feedback && <FeedbackNote feedback={message.feedback} />}
      {!isUser && (
        <AnswerDetails
          details={{
            model: message.model,
            backend: message.backend_id ? backendName(message.backend_id) : null,
            usage: message.usage,
            timings: message.timings,
            rag: storedRag(message),
            sla: message.sla,
          }}
        />
      )}
    </article>
  );
}
