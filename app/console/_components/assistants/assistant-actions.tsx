"use client";
// Enable/disable and delete for one assistant, shared by the assistants table and the edit page.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Power, Trash2 } from "lucide-react";
import { toast } from "sonner";
import type { AssistantDto } from "@/server/schemas/assistant";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Button, type ButtonSize } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

type Target = Pick<AssistantDto, "id" | "name" | "enabled">;

export function EnabledToggleButton({
  assistant,
  size = "sm",
  describedBy,
}: {
  assistant: Target;
  size?: ButtonSize;
  /** Id of the element naming the assistant (the table row's id cell), for screen readers. */
  describedBy?: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setEnabled = useMutation(
    trpc.assistants.setEnabled.mutationOptions({
      onSuccess: async (updated) => {
        toast.success(`${updated.name} is ${updated.enabled ? "enabled" : "disabled"}`);
        await queryClient.invalidateQueries(trpc.assistants.pathFilter());
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Button
      variant="secondary"
      size={size}
      pending={setEnabled.isPending}
      aria-describedby={describedBy}
      onClick={() => setEnabled.mutate({ id: assistant.id, enabled: !assistant.enabled })}
    >
      {size === "md" && !setEnabled.isPending && <Power aria-hidden className="size-4" />}
      {assistant.enabled ? "Disable" : "Enable"}
    </Button>
  );
}

export function DeleteAssistantButton({
  assistant,
  size = "sm",
  describedBy,
  onDeleted,
}: {
  assistant: Target;
  size?: ButtonSize;
  describedBy?: string;
  onDeleted?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.assistants.delete.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger-secondary" size={size} aria-describedby={describedBy}>
          {size === "md" && <Trash2 aria-hidden className="size-4" />}
          Delete
        </Button>
      }
      title={`Delete ${assistant.name}?`}
      description={
        <>
          This deletes the assistant <code className="font-mono">{assistant.id}</code> with its sessions,
          files and vector stores. It cannot be undone. To stop traffic but keep the data, disable it instead.
        </>
      }
      confirmLabel="Delete"
      requireText={assistant.id}
      onConfirm={async () => {
        await remove.mutateAsync({ id: assistant.id });
        toast.success(`Deleted ${assistant.id}`);
        onDeleted?.();
        // Removing first keeps the edit page from refetching an assistant that no longer exists.
        queryClient.removeQueries({ queryKey: trpc.assistants.get.queryKey({ id: assistant.id }) });
        await queryClient.invalidateQueries(trpc.assistants.list.pathFilter());
      }}
    />
  );
}
