"use client";
// The visitor's thumbs under an answer, and once rated, a line to say why. The server accepts
// ratings only on answers of the visitor's own conversation.
import { ThumbsDown, ThumbsUp } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import type { FeedbackRating } from "@/server/schemas/feedback";
import { useWidgetTexts } from "./widget-texts";

/** The server's limit (FEEDBACK_COMMENT_MAX), written out: the widget's bundle carries no zod. */
const COMMENT_MAX = 2000;

const thumbs = [
  { rating: "up", label: "helpful", Icon: ThumbsUp },
  { rating: "down", label: "notHelpful", Icon: ThumbsDown },
] as const;

export function WidgetFeedback({
  rating,
  color,
  onRate,
}: {
  rating: FeedbackRating | null | undefined;
  color: string;
  /** Saves the rating (and comment); rejects with the visitor's error text. */
  onRate: (rating: FeedbackRating, comment?: string) => Promise<void>;
}) {
  const texts = useWidgetTexts();
  const commentId = useId();
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState("");
  const [commenting, setCommenting] = useState(false);
  const [thanked, setThanked] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function save(chosen: FeedbackRating, text?: string) {
    setBusy(true);
    setFailure(null);
    try {
      await onRate(chosen, text);
      return true;
    } catch (error) {
      setFailure(error instanceof Error ? error.message : texts.ratingFailed);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function onComment(event: FormEvent) {
    event.preventDefault();
    if (!rating || !comment.trim()) return;
    if (await save(rating, comment.trim())) {
      setCommenting(false);
      setThanked(true);
    }
  }

  return (
    <div className="border-t border-stone-200 pt-1.5 text-xs text-stone-600">
      <div role="group" aria-label={texts.rateAnswer} className="flex items-center gap-1">
        {thumbs.map(({ rating: value, label: key, Icon }) => {
          const label = texts[key];
          return (
            <button
              key={value}
              type="button"
              aria-pressed={rating === value}
              aria-label={label}
              title={label}
              disabled={busy}
              // Once rated, the visitor may say why (unless they already have).
              onClick={() => void save(value).then((saved) => setCommenting(saved && !thanked))}
              className="rounded p-1 hover:bg-stone-100 focus-visible:outline-2 disabled:opacity-50"
              style={rating === value ? { color } : undefined}
            >
              <Icon aria-hidden className="size-4" fill={rating === value ? "currentColor" : "none"} />
            </button>
          );
        })}
        {thanked && <span>{texts.thanks}</span>}
      </div>
      {commenting && rating && (
        <form onSubmit={(event) => void onComment(event)} className="mt-1 flex gap-1">
          <label htmlFor={commentId} className="sr-only">
            {texts.tellUsMore}
          </label>
          <input
            id={commentId}
            value={comment}
            maxLength={COMMENT_MAX}
            onChange={(event) => setComment(event.target.value)}
            placeholder={texts.tellUsMore}
            className="min-w-0 flex-1 rounded border border-stone-300 px-2 py-1 focus-visible:outline-2"
          />
          <button
            type="submit"
            disabled={busy || !comment.trim()}
            className="rounded px-2 py-1 font-medium text-white disabled:opacity-50"
            style={{ backgroundColor: color }}
          >
            {texts.send}
          </button>
        </form>
      )}
      {failure && (
        <p role="alert" className="mt-1 text-red-700">
          {failure}
        </p>
      )}
    </div>
  );
}
