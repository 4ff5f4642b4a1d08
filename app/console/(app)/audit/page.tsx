import type { Metadata } from "next";
import { AuditView } from "../../_components/audit/audit-view";
import type { OutcomeFilter } from "../../_components/audit/audit-query";
import { dayOrEmpty } from "../../_components/sessions/date-range";
import { AdminOnly } from "../../_components/ui/admin-only";
import { firstParam, type SearchParams } from "../../../_lib/route-params";

export const metadata: Metadata = { title: "Audit log" };

const outcomes: readonly OutcomeFilter[] = ["success", "failure"];

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const outcome = firstParam(query.outcome) as OutcomeFilter;
  return (
    <AdminOnly title="Audit log">
      <AuditView
        initialFilters={{
          action: firstParam(query.action),
          who: firstParam(query.who),
          outcome: outcomes.includes(outcome) ? outcome : "",
          dates: { from: dayOrEmpty(firstParam(query.from)), to: dayOrEmpty(firstParam(query.to)) },
        }}
      />
    </AdminOnly>
  );
}
