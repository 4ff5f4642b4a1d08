import type { MessageDto } from "@/server/schemas/chat";
import { Badge, type BadgeTone } from "../ui/badge";

/** A stored message's status, plus the playground's "stopped" for an answer the user cut short. */
export type AnswerStatus = MessageDto["status"] | "stopped";

const labels: Record<AnswerStatus, [string, BadgeTone]> = {
  completed: ["Completed", "success"],
  failed: ["Failed", "danger"],
  cancelled: ["Cancelled", "warning"],
  stopped: ["Stopped", "warning"],
  in_progress: ["In progress", "neutral"],
};

export function MessageStatusBadge({ status }: { status: AnswerStatus }) {
  const [label, tone] = labels[status];
  return <Badge tone={tone}>{label}</Badge>;
}
