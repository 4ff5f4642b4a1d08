// How a session's channel, latest status and tokens read in the console's lists, and the channel
// filter's choices (kept apart from the components so their wording is tested).
import type { Channel, SessionDto } from "@/server/schemas/chat";
import type { BadgeTone } from "../ui/badge";

export const channelLabels: Record<Channel, string> = {
  api: "API",
  openai: "OpenAI API",
  widget: "Widget",
  playground: "Playground",
  loadtest: "Load test",
};

/** The filter's choices: "" is the server's default, every channel but load tests. */
export const channelFilterOptions: Array<{ value: Channel | ""; label: string }> = [
  { value: "", label: "All but load tests" },
  ...(Object.keys(channelLabels) as Channel[]).map((value) => ({ value, label: channelLabels[value] })),
];

/** A channel filter from the address bar, or "" for anything that is not one. */
export function channelOrEmpty(value: string): Channel | "" {
  return Object.hasOwn(channelLabels, value) ? (value as Channel) : "";
}

const statusLabels: Record<NonNullable<SessionDto["last_status"]>, { label: string; tone: BadgeTone }> = {
  completed: { label: "Answered", tone: "success" },
  in_progress: { label: "Answering", tone: "brand" },
  failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "warning" },
};

/** The latest answer's outcome as a badge, or null before any answer. */
export function statusBadge(status: SessionDto["last_status"]): { label: string; tone: BadgeTone } | null {
  return status ? statusLabels[status] : null;
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

/** Total tokens, short ("1.2K"), with the split for a tooltip. */
export function tokenSummary(tokens: SessionDto["tokens"]): { short: string; full: string } {
  const total = tokens.prompt + tokens.completion;
  return {
    short: compact.format(total),
    full: `${total.toLocaleString("en")} tokens: ${tokens.prompt.toLocaleString("en")} prompt, ${tokens.completion.toLocaleString("en")} completion`,
  };
}
