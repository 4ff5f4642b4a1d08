import type { Metadata } from "next";
import { ApiKeysTable } from "../../_components/api-keys/api-keys-table";
import { CreateApiKeyDialog } from "../../_components/api-keys/create-api-key-dialog";
import { AdminOnly } from "../../_components/ui/admin-only";
import { PageHeader } from "../../_components/ui/page-header";

export const metadata: Metadata = { title: "API keys" };

export default function ApiKeysPage() {
  return (
    <AdminOnly title="API keys">
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for integrations: send one as{" "}
            <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
          </>
        }
        actions={<CreateApiKeyDialog />}
      />
      <ApiKeysTable />
    </AdminOnly>
  );
}
