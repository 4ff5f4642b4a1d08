"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import type { BackendDto } from "@/server/schemas/backend";
import { useTRPC } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { BackendForm } from "./backend-form";
import { newBackendDefaults, toCreateInput, toFormValues, toPatch } from "./backend-form-schema";

export function AddBackendDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const create = useMutation(trpc.backends.create.mutationOptions());
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden className="size-4" />
        Add backend
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Add backend"
        description="A model server Hearth sends requests to. Assistants use it when their model is one it serves."
      >
        <BackendForm
          defaultValues={newBackendDefaults}
          submitLabel="Add backend"
          onCancel={() => setOpen(false)}
          onSubmit={async (values) => {
            const backend = await create.mutateAsync(toCreateInput(values));
            await queryClient.invalidateQueries(trpc.backends.pathFilter());
            toast.success(`Added ${backend.name}`);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}

export function EditBackendDialog({ backend, describedBy }: { backend: BackendDto; describedBy: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const update = useMutation(trpc.backends.update.mutationOptions());
  return (
    <>
      <Button variant="secondary" size="sm" aria-describedby={describedBy} onClick={() => setOpen(true)}>
        Edit
      </Button>
      <Modal open={open} onOpenChange={setOpen} title={`Edit ${backend.name}`}>
        <BackendForm
          backend={backend}
          defaultValues={toFormValues(backend)}
          submitLabel="Save changes"
          onCancel={() => setOpen(false)}
          onSubmit={async (values) => {
            const patch = toPatch(values, backend);
            if (Object.keys(patch).length === 0) {
              toast.info("No changes to save");
              setOpen(false);
              return;
            }
            const updated = await update.mutateAsync({ id: backend.id, patch });
            await queryClient.invalidateQueries(trpc.backends.pathFilter());
            toast.success(`Saved ${updated.name}`);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}
