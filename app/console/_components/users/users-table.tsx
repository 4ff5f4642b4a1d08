"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2, Users } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { roleSchema, type ConsoleUserDto } from "@/server/schemas/user";
import { useConsoleUser } from "../../_lib/console-user";
import { errorMessage } from "../../_lib/errors";
import { formatDate, formatDateTime } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { EmptyState } from "../ui/empty-state";
import { Select } from "../ui/input";
import { QueryState } from "../ui/query-state";
import { TableHead } from "../ui/data-table";

export function UsersTable() {
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());

  return (
    <QueryState
      query={users}
      loading="Loading users…"
      framed
      isEmpty={(list) => list.length === 0}
      empty={<EmptyState icon={Users} title="No users" />}
    >
      {(list) => <UsersList users={list} />}
    </QueryState>
  );
}

function UsersList({ users }: { users: ConsoleUserDto[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Console users</caption>
        <TableHead
          columns={[
            { label: "Name" },
            { label: "Email" },
            { label: "Role" },
            { label: "Created" },
            { label: "Actions", srOnly: true },
          ]}
        />
        <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
          {users.map((user) => (
            <UserRow key={user.id} user={user} />
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function UserRow({ user }: { user: ConsoleUserDto }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const me = useConsoleUser();
  const isMe = me.userId === user.id;
  const emailId = `user-${user.id}-email`;
  const invalidate = () => queryClient.invalidateQueries(trpc.users.list.queryFilter());

  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({
      onSuccess: async (updated) => {
        toast.success(`${updated.email} is now ${updated.role}`);
        await invalidate();
        // Changing one's own role changes what the console shows (the layout reads it server-side).
        if (isMe) router.refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const remove = useMutation(trpc.users.delete.mutationOptions());
  const shownRole = setRole.isPending ? setRole.variables.role : user.role;

  return (
    <tr>
      <td className="px-4 py-3 font-medium text-stone-900 dark:text-stone-100">
        {user.name}
        {isMe && (
          <span className="ml-2">
            <Badge tone="brand">you</Badge>
          </span>
        )}
      </td>
      <td id={emailId} className="px-4 py-3 text-stone-700 dark:text-stone-300">
        {user.email}
      </td>
      <td className="px-4 py-3">
        <div className="w-32">
          <Select
            aria-label={`Role for ${user.email}`}
            value={shownRole}
            disabled={setRole.isPending}
            onChange={(event) => {
              const role = roleSchema.parse(event.target.value);
              setRole.mutate({ id: user.id, role });
            }}
          >
            {roleSchema.options.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </Select>
        </div>
      </td>
      <td className="px-4 py-3 whitespace-nowrap">
        <time dateTime={user.created_at} title={formatDateTime(user.created_at)}>
          {formatDate(user.created_at)}
        </time>
      </td>
      <td className="px-4 py-3 text-right">
        {!isMe && (
          <ConfirmDialog
            trigger={
              <Button variant="danger-secondary" size="sm" aria-describedby={emailId}>
                <Trash2 aria-hidden className="size-3.5" />
                Delete
              </Button>
            }
            title={`Delete ${user.email}?`}
            description="They are signed out at once and can no longer sign in. API keys they created keep working."
            confirmLabel="Delete"
            onConfirm={async () => {
              await remove.mutateAsync({ id: user.id });
              toast.success(`Deleted ${user.email}`);
              await invalidate();
            }}
          />
        )}
      </td>
    </tr>
  );
}
