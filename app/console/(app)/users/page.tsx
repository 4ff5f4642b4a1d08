import type { Metadata } from "next";
import { AdminOnly } from "../../_components/ui/admin-only";
import { PageHeader } from "../../_components/ui/page-header";
import { CreateUserDialog } from "../../_components/users/create-user-dialog";
import { UsersTable } from "../../_components/users/users-table";

export const metadata: Metadata = { title: "Users" };

export default function UsersPage() {
  return (
    <AdminOnly title="Users">
      <PageHeader
        title="Users"
        description="Who can sign in to this console. Admins manage everything; operators manage assistants; viewers read."
        actions={<CreateUserDialog />}
      />
      <UsersTable />
    </AdminOnly>
  );
}
