"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { BackendDto } from "@/server/schemas/backend";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

type ActionProps = { backend: BackendDto; describedBy: string };

export function BackendEnabledButton({ backend, describedBy }: ActionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.backends.update.mutationOptions({
      onSuccess: async (updated) => {
        toast.success(`${updated.name} is ${updated.enabled ? "enabled" : "disabled"}`);
        await queryClient.invalidateQueries(trpc.backends.pathFilter());
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Button
      variant="secondary"
      size="sm"
      pending={update.isPending}
      aria-describedby={describedBy}
      onClick={() => update.mutate({ id: backend.id, patch: { enabled: !backend.enabled } })}
    >
      {backend.enabled ? "Disable" : "Enable"}
    </Button>
  );
}

export function DeleteBackendButton({ backend, describedBy }: ActionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.backends.delete.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger-secondary" size="sm" aria-describedby={describedBy}>
          Delete
        </Button>
      }
      title={`Delete ${backend.name}?`}
      description={
        <>
          Assistants using a model that only this backend serves lose their model until another backend serves
          it.
          {backend.source === "env" && (
            <> It comes from the environment, so it is created again at the next start-up.</>
          )}
        </>
      }
      confirmLabel="Delete"
      onConfirm={async () => {
        await remove.mutateAsync({ id: backend.id });
        toast.success(`Deleted ${backend.name}`);
        await queryClient.invalidateQueries(trpc.backends.pathFilter());
      }}
    />
  );
}
