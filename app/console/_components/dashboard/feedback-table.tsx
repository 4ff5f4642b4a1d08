"use client";
// The dashboard's answer feedback: per assistant, the share of rated answers rated helpful over
// the last FEEDBACK_SUMMARY_DAYS, overall and per RAG decision of the rated answers.
import type { Telemetry } from "@/server/schemas/telemetry";
import { FEEDBACK_SUMMARY_DAYS } from "@/server/schemas/telemetry";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { TableHead } from "../ui/data-table";
import { EmptyState } from "../ui/empty-state";
import { tdClass } from "../ui/table-styles";
import { feedbackRows, helpfulShare, ragDecisionLabels } from "./feedback-figures";

const num = "text-right tabular-nums";

export function FeedbackTable({ assistants }: { assistants: Telemetry["assistants"] }) {
  const { rated, decisions } = feedbackRows(assistants);
  if (rated.length === 0) {
    return (
      <Card>
        <EmptyState
          title={`No answer rated in the last ${FEEDBACK_SUMMARY_DAYS} days`}
          description="Ratings come from the widget's thumbs, the playground and the REST API."
        />
      </Card>
    );
  }
  return (
    <Card>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Share of rated answers rated helpful, per RAG decision</caption>
          <TableHead
            columns={[
              { label: "Assistant" },
              { label: "Helpful", className: num },
              ...decisions.map((decision) => ({ label: ragDecisionLabels[decision], className: num })),
            ]}
          />
          <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
            {rated.map((assistant) => (
              <tr key={assistant.assistant_id}>
                <th scope="row" className={cn(tdClass, "font-medium text-stone-900 dark:text-stone-100")}>
                  {assistant.name}
                </th>
                <td className={cn(tdClass, num)}>{helpfulShare(assistant.feedback)}</td>
                {decisions.map((decision) => {
                  const row = assistant.feedback.by_rag.find((item) => item.decision === decision);
                  return (
                    <td key={decision} className={cn(tdClass, num)}>
                      {helpfulShare(row ?? { up: 0, down: 0, positive_share: null })}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
