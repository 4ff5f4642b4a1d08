import type { Metadata } from "next";
import { AssistantsTable, type EnabledFilter } from "../../_components/assistants/assistants-table";
import { NewAssistantLink } from "../../_components/assistants/new-assistant-link";
import { PageHeader } from "../../_components/ui/page-header";

export const metadata: Metadata = { title: "Assistants" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export default async function AssistantsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const enabled = first(params.enabled);
  const filter: EnabledFilter = enabled === "true" ? "enabled" : enabled === "false" ? "disabled" : "all";
  return (
    <>
      <PageHeader
        title="Assistants"
        description="Each assistant is a model with its instructions, generation settings and knowledge."
        actions={<NewAssistantLink />}
      />
      <AssistantsTable initialQuery={first(params.q)} initialFilter={filter} />
    </>
  );
}
