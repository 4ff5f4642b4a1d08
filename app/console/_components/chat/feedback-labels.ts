// How feedback on answers reads in the console: who gave it, the line a transcript shows, and the
// session list's filter choices (kept apart from the components so their wording is tested).
import type { FeedbackDto, SessionFeedbackFilter } from "@/server/schemas/feedback";

export const feedbackGiverLabels: Record<FeedbackDto["given_by"]["kind"], string> = {
  api_key: "an API key",
  master_key: "the master key",
  console_user: "a console user",
  widget_visitor: "a widget visitor",
};

/** "Rated helpful by a widget visitor". */
export function feedbackLine(feedback: Pick<FeedbackDto, "rating" | "given_by">): string {
  const verdict = feedback.rating === "up" ? "helpful" : "not helpful";
  return `Rated ${verdict} by ${feedbackGiverLabels[feedback.given_by.kind]}`;
}

/** The session list's filter: "" is no filter. */
export const feedbackFilterOptions: Array<{ value: SessionFeedbackFilter | ""; label: string }> = [
  { value: "", label: "Any" },
  { value: "any", label: "Rated" },
  { value: "up", label: "Rated helpful" },
  { value: "down", label: "Rated not helpful" },
  { value: "none", label: "Not rated" },
];

/** A feedback filter from the address bar, or "" for anything that is not one. */
export function feedbackFilterOrEmpty(value: string): SessionFeedbackFilter | "" {
  const option = feedbackFilterOptions.find((item) => item.value === value);
  return option ? option.value : "";
}
