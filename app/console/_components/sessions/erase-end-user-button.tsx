"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** A privacy request: the end user's sessions and messages with this assistant, and the end user, erased. */
export function EraseEndUserButton({
  assistantId,
  user,
  describedBy,
}: {
  assistantId: string;
  user: string;
  /** The id of the cell naming the user, so that each row's button says whom it erases. */
  describedBy: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const erase = useMutation(trpc.sessions.eraseEndUser.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger-secondary" size="sm" aria-describedby={describedBy}>
          <Trash2 aria-hidden className="size-4" />
          Erase
        </Button>
      }
      title="Erase this end user?"
      description={
        <>
          This deletes every session of <code className="font-mono break-all">{user}</code> with this
          assistant, all their messages, and the end user. It cannot be undone.
        </>
      }
      confirmLabel="Erase"
      onConfirm={async () => {
        const erased = await erase.mutateAsync({ assistantId, user });
        toast.success(
          `End user erased: ${erased.sessions} session${erased.sessions === 1 ? "" : "s"}, ` +
            `${erased.messages} message${erased.messages === 1 ? "" : "s"} deleted`,
        );
        await queryClient.invalidateQueries(trpc.sessions.pathFilter());
      }}
    />
  );
}
