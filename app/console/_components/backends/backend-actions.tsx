"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { BackendDto, UpdateBackendInput } from "@/server/schemas/backend";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

type ActionProps = { backend: BackendDto; describedBy: string };

/** A button that flips one flag of a backend and says what changed. */
function BackendFlagButton({
  backend,
  describedBy,
  patch,
  label,
  done,
}: ActionProps & {
  patch: UpdateBackendInput;
  label: string;
  done: (updated: BackendDto) => string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.backends.update.mutationOptions({
      onSuccess: async (updated) => {
        toast.success(done(updated));
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
      onClick={() => update.mutate({ id: backend.id, patch })}
    >
      {label}
    </Button>
  );
}

export function BackendEnabledButton({ backend, describedBy }: ActionProps) {
  return (
    <BackendFlagButton
      backend={backend}
      describedBy={describedBy}
      patch={{ enabled: !backend.enabled }}
      label={backend.enabled ? "Disable" : "Enable"}
      done={(updated) => `${updated.name} is ${updated.enabled ? "enabled" : "disabled"}`}
    />
  );
}

export function BackendDrainButton({ backend, describedBy }: ActionProps) {
  return (
    <BackendFlagButton
      backend={backend}
      describedBy={describedBy}
      patch={{ draining: !backend.draining }}
      label={backend.draining ? "Resume" : "Drain"}
      done={(updated) =>
        updated.draining
          ? `${updated.name} is draining: no new requests, running ones finish`
          : `${updated.name} takes requests again`
      }
    />
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
