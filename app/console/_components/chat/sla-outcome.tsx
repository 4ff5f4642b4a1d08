import type { SlaOutcome } from "@/server/schemas/chat";
import { Badge, type BadgeTone } from "../ui/badge";
import {
  describeSlaDegradation,
  describeSlaLadder,
  describeSlaOutcome,
  slaVerdict,
  type SlaVerdict,
} from "./sla-format";

const tones: Record<SlaVerdict, BadgeTone> = { met: "success", missed: "danger", pending: "neutral" };

/** What SLA control decided for one answer: its target, the prediction, the verdict, any degradation. */
export function SlaOutcomeLine({ outcome }: { outcome: SlaOutcome }) {
  const degradation = describeSlaDegradation(outcome);
  const steps = outcome.degraded.length;
  return (
    <p className="flex flex-wrap items-center gap-1.5">
      <Badge tone={tones[slaVerdict(outcome)]}>{describeSlaOutcome(outcome)}</Badge>
      {degradation && (
        <span
          title={`${steps} step${steps === 1 ? "" : "s"} applied: ${describeSlaLadder(outcome.degraded)}`}
        >
          <Badge tone="warning">{degradation}</Badge>
        </span>
      )}
    </p>
  );
}
