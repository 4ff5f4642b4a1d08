"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import type { ChunkingStrategy } from "@/server/schemas/knowledge";
import { errorMessage } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Input } from "../ui/input";
import { Modal } from "../ui/modal";
import { RadioCards } from "../ui/radio-cards";

const MIN_CHUNK = 100;
const MAX_CHUNK = 4096;

const wholeNumber = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : null);

// The server's limits for a static strategy: 100-4096 tokens, overlap at most half of that.
const formSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name").max(200),
    chunking: z.enum(["auto", "static"]),
    max_chunk_size_tokens: z.string(),
    chunk_overlap_tokens: z.string(),
  })
  .superRefine((values, ctx) => {
    if (values.chunking !== "static") return;
    const size = wholeNumber(values.max_chunk_size_tokens);
    const overlap = wholeNumber(values.chunk_overlap_tokens);
    if (size === null || size < MIN_CHUNK || size > MAX_CHUNK) {
      ctx.addIssue({
        code: "custom",
        path: ["max_chunk_size_tokens"],
        message: `A whole number from ${MIN_CHUNK} to ${MAX_CHUNK}`,
      });
    }
    if (overlap === null) {
      ctx.addIssue({ code: "custom", path: ["chunk_overlap_tokens"], message: "A whole number, 0 or more" });
    } else if (size !== null && overlap > size / 2) {
      ctx.addIssue({
        code: "custom",
        path: ["chunk_overlap_tokens"],
        message: `At most half the chunk size (${Math.floor(size / 2)})`,
      });
    }
  });
type FormValues = z.infer<typeof formSchema>;

const defaults: FormValues = {
  name: "",
  chunking: "auto",
  max_chunk_size_tokens: "800",
  chunk_overlap_tokens: "400",
};

function chunkingOf(values: FormValues): ChunkingStrategy {
  if (values.chunking === "auto") return { type: "auto" };
  return {
    type: "static",
    static: {
      max_chunk_size_tokens: Number(values.max_chunk_size_tokens),
      chunk_overlap_tokens: Number(values.chunk_overlap_tokens),
    },
  };
}

export function CreateStoreDialog({ assistantId }: { assistantId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        <Plus aria-hidden className="size-4" />
        New vector store
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="New vector store"
        description="A separate set of documents with its own chunking. Upload files to it by choosing it as the target store."
      >
        <CreateStoreForm assistantId={assistantId} onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function CreateStoreForm({ assistantId, onDone }: { assistantId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.knowledge.createStore.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues>({
    resolver: zodResolver(formSchema, { error: formErrorMap }),
    defaultValues: defaults,
  });
  useUnsavedChanges(isDirty);
  const chunking = useWatch({ control, name: "chunking" });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const store = await create.mutateAsync({
        assistantId,
        store: { name: values.name, chunking_strategy: chunkingOf(values) },
      });
      await queryClient.invalidateQueries(trpc.knowledge.pathFilter());
      toast.success(`Created ${store.name}`);
      onDone();
    } catch (error) {
      setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {formError && <Alert>{formError}</Alert>}
      <Field id="store-name" label="Name" required error={errors.name?.message}>
        {(c) => <Input {...c} autoComplete="off" autoFocus {...register("name")} />}
      </Field>
      <RadioCards
        legend="Chunking"
        options={[
          ["auto", "Auto", "The assistant's chunking settings."],
          ["static", "Static", "A fixed passage size and overlap, in tokens."],
        ]}
        registration={register("chunking")}
      />
      {chunking === "static" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="store-chunk-size"
            label="Max chunk size (tokens)"
            hint={`${MIN_CHUNK} to ${MAX_CHUNK}`}
            error={errors.max_chunk_size_tokens?.message}
          >
            {(c) => (
              <Input
                {...c}
                type="number"
                inputMode="numeric"
                min={MIN_CHUNK}
                max={MAX_CHUNK}
                step={1}
                {...register("max_chunk_size_tokens")}
              />
            )}
          </Field>
          <Field
            id="store-chunk-overlap"
            label="Chunk overlap (tokens)"
            hint="At most half the chunk size"
            error={errors.chunk_overlap_tokens?.message}
          >
            {(c) => (
              <Input
                {...c}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                {...register("chunk_overlap_tokens")}
              />
            )}
          </Field>
        </div>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Create store
        </Button>
      </div>
    </form>
  );
}
