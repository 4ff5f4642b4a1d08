"use client";
// The playground's thumbs under an answer: rate it helpful or not (choosing the current rating
// again withdraws it), and add or change a comment once rated. The server keeps one rating per
// answer, whoever gave it; the transcripts, the session list's filter and the dashboard read it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ThumbsDown, ThumbsUp } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { FEEDBACK_COMMENT_MAX, type FeedbackDto, type FeedbackRating } from "@/server/schemas/feedback";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Textarea } from "../ui/input";

export interface RatedAnswer {
  assistantId: string;
  sessionId: string;
  messageId: string;
}

const thumbs = [
  { rating: "up", label: "Helpful", Icon: ThumbsUp, on: "text-emerald-700 dark:text-emerald-400" },
  { rating: "down", label: "Not helpful", Icon: ThumbsDown, on: "text-red-700 dark:text-red-400" },
] as const;

export function AnswerFeedback({
  answer,
  feedback,
  onChange,
}: {
  answer: RatedAnswer;
  feedback: FeedbackDto | null;
  onChange: (feedback: FeedbackDto | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.sessions.pathFilter());
  const give = useMutation(
    trpc.sessions.giveFeedback.mutationOptions({
      onSuccess: async (saved) => {
        onChange(saved);
        setDraft(null);
        await refresh();
      },
    }),
  );
  const withdraw = useMutation(
    trpc.sessions.withdrawFeedback.mutationOptions({
      onSuccess: async () => {
        onChange(null);
        setDraft(null);
        await refresh();
      },
    }),
  );
  const pending = give.isPending || withdraw.isPending;
  const failure = give.error ?? withdraw.error;

  function rate(rating: FeedbackRating) {
    if (feedback?.rating === rating) withdraw.mutate(answer);
    else give.mutate({ ...answer, feedback: { rating, comment: feedback?.comment ?? null } });
  }

  function saveComment(event: FormEvent) {
    event.preventDefault();
    if (feedback && draft !== null)
      give.mutate({ ...answer, feedback: { rating: feedback.rating, comment: draft } });
  }

  return (
    <div className="space-y-1.5">
      <div role="group" aria-label="Rate this answer" className="flex flex-wrap items-center gap-1">
        {thumbs.map(({ rating, label, Icon, on }) => (
          <Button
            key={rating}
            variant="ghost"
            size="sm"
            aria-pressed={feedback?.rating === rating}
            disabled={pending}
            onClick={() => rate(rating)}
            title={feedback?.rating === rating ? `${label}: choose again to withdraw` : label}
          >
            <Icon aria-hidden className={cn("size-4", feedback?.rating === rating && on)} />
            <span className={feedback?.rating === rating ? "font-semibold" : "font-normal"}>{label}</span>
          </Button>
        ))}
        {feedback && draft === null && (
          <Button
            variant="ghost"
            size="sm"
            disabled={pending}
            onClick={() => setDraft(feedback.comment ?? "")}
          >
            {feedback.comment ? "Edit comment" : "Add a comment"}
          </Button>
        )}
      </div>
      {feedback?.comment && draft === null && (
        <p className="text-xs break-words whitespace-pre-wrap text-stone-600 dark:text-stone-400">
          <span className="font-medium">Your comment:</span> {feedback.comment}
        </p>
      )}
      {draft !== null && (
        <form onSubmit={saveComment} className="space-y-1.5">
          <label htmlFor={commentId} className="sr-only">
            Comment on this answer
          </label>
          <Textarea
            id={commentId}
            rows={2}
            maxLength={FEEDBACK_COMMENT_MAX}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder="What was good or wrong about this answer? (optional)"
          />
          <div className="flex gap-2">
            <Button type="submit" size="sm" pending={give.isPending}>
              Save comment
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setDraft(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {failure && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {errorMessage(failure)}
        </p>
      )}
    </div>
  );
}
