import { ThumbsDown, ThumbsUp } from "lucide-react";
import type { FeedbackDto } from "@/server/schemas/feedback";
import { formatDateTime } from "../../_lib/format";
import { feedbackLine } from "./feedback-labels";

/** An answer's rating as a transcript shows it: the verdict, who gave it and when, the comment. */
export function FeedbackNote({ feedback }: { feedback: FeedbackDto }) {
  const Icon = feedback.rating === "up" ? ThumbsUp : ThumbsDown;
  return (
    <div
      data-feedback={feedback.rating}
      className="border-t border-stone-200 pt-2 text-xs text-stone-600 dark:border-stone-700 dark:text-stone-400"
    >
      <p className="flex items-center gap-1.5">
        <Icon
          aria-hidden
          className={
            feedback.rating === "up"
              ? "size-3.5 text-emerald-700 dark:text-emerald-400"
              : "size-3.5 text-red-700 dark:text-red-400"
          }
        />
        <span className="font-medium text-stone-800 dark:text-stone-200">{feedbackLine(feedback)}</span>
        <time dateTime={feedback.updated_at}>· {formatDateTime(feedback.updated_at)}</time>
      </p>
      {feedback.comment && (
        <blockquote className="mt-1 border-l-4 border-stone-300 pl-2 break-words whitespace-pre-wrap text-stone-700 dark:border-stone-600 dark:text-stone-300">
          {feedback.comment}
        </blockquote>
      )}
    </div>
  );
}
