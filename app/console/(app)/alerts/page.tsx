import type { Metadata } from "next";
import { AlertDestinations } from "../../_components/alerts/alert-destinations";
import { AlertRules } from "../../_components/alerts/alert-rules";
import { AlertHistory, FiringAlerts } from "../../_components/alerts/alerts-list";
import { PageHeader } from "../../_components/ui/page-header";

export const metadata: Metadata = { title: "Alerts" };

const sectionTitle = "text-base font-semibold text-stone-900 dark:text-stone-100";
const sectionHint = "mt-1 mb-3 text-sm text-stone-500 dark:text-stone-400";

export default function AlertsPage() {
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Rules every server checks every few seconds: backends down, SLA compliance, error rates, failed ingestion, admission refusals. An alert is posted to the webhooks once when it fires and once when it resolves."
      />
      <div className="space-y-10">
        <section aria-labelledby="alerts-firing">
          <h2 id="alerts-firing" className={`${sectionTitle} mb-3`}>
            Firing now
          </h2>
          <FiringAlerts />
        </section>
        <section aria-labelledby="alerts-rules">
          <h2 id="alerts-rules" className={sectionTitle}>
            Rules
          </h2>
          <p className={sectionHint}>Built-in rules can be changed or switched off, not deleted.</p>
          <AlertRules />
        </section>
        <section aria-labelledby="alerts-webhooks">
          <h2 id="alerts-webhooks" className={sectionTitle}>
            Webhooks
          </h2>
          <p className={sectionHint}>Generic JSON (optionally signed), Slack or Microsoft Teams.</p>
          <AlertDestinations />
        </section>
        <section aria-labelledby="alerts-history">
          <h2 id="alerts-history" className={`${sectionTitle} mb-3`}>
            History
          </h2>
          <AlertHistory />
        </section>
      </div>
    </>
  );
}
