import type { Metadata } from "next";
import { AddBackendButton } from "../../_components/backends/add-backend-button";
import { BackendsTable } from "../../_components/backends/backends-table";
import { PageHeader } from "../../_components/ui/page-header";

export const metadata: Metadata = { title: "Backends" };

export default function BackendsPage() {
  return (
    <>
      <PageHeader
        title="Backends"
        description="The model servers Hearth sends requests to, with their health as this server sees it. Each request goes to a healthy backend that serves the assistant's model, the least busy first."
        actions={<AddBackendButton />}
      />
      <BackendsTable />
    </>
  );
}
