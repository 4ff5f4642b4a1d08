"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

export function DeleteSessionButton({
  assistantId,
  sessionId,
  onDeleted,
}: {
  assistantId: string;
  sessionId: string;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.sessions.delete.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger-secondary">
          <Trash2 aria-hidden className="size-4" />
          Delete session
        </Button>
      }
      title="Delete this session?"
      description={
        <>
          This deletes the session <code className="font-mono">{sessionId}</code> and all its messages. It
          cannot be undone.
        </>
      }
      confirmLabel="Delete"
      onConfirm={async () => {
        await remove.mutateAsync({ assistantId, sessionId });
        toast.success("Session deleted");
        onDeleted();
        // Removing first keeps this page from refetching a session that no longer exists.
        queryClient.removeQueries({ queryKey: trpc.sessions.get.queryKey({ assistantId, sessionId }) });
        await queryClient.invalidateQueries(trpc.sessions.pathFilter());
      }}
    />
  );
}
