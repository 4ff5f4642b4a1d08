"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { AssistantDto } from "@/server/schemas/assistant";
import { canWriteAssistants, useConsoleUser } from "../../_lib/console-user";
import { formatDateTime } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { PageHeader } from "../ui/page-header";
import { DeleteAssistantButton, EnabledToggleButton } from "./assistant-actions";
import { AssistantForm } from "./assistant-form";
import { AssistantNotLoaded } from "./assistant-page";
import { toFormValues, toPatch } from "./assistant-form-schema";
import { AssistantServing } from "../health/assistant-serving";
import { AssistantTabs } from "./assistant-tabs";
import { BackToAssistants } from "./new-assistant";

export function AssistantEditor({ id }: { id: string }) {
  const trpc = useTRPC();
  const assistant = useQuery(trpc.assistants.get.queryOptions({ id }));

  // Once loaded, a failed background refetch keeps the form (and any unsaved edits) on screen.
  if (assistant.data) return <LoadedEditor assistant={assistant.data} />;
  return <AssistantNotLoaded id={id} query={assistant} />;
}

function LoadedEditor({ assistant }: { assistant: AssistantDto }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const canWrite = canWriteAssistants(useConsoleUser());
  const update = useMutation(trpc.assistants.update.mutationOptions());

  return (
    <>
      <BackToAssistants />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {assistant.name}
            {assistant.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
          </span>
        }
        description={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            <span>
              Id <code className="font-mono text-stone-700 dark:text-stone-300">{assistant.id}</code>
            </span>
            <span>
              Created <time dateTime={assistant.created_at}>{formatDateTime(assistant.created_at)}</time>
            </span>
            <span>
              Updated <time dateTime={assistant.updated_at}>{formatDateTime(assistant.updated_at)}</time>
            </span>
          </span>
        }
        actions={
          canWrite && (
            <>
              <EnabledToggleButton assistant={assistant} size="md" />
              <DeleteAssistantButton
                assistant={assistant}
                size="md"
                onDeleted={() => router.push("/console/assistants")}
              />
            </>
          )
        }
      />
      <AssistantServing assistant={assistant} />
      <AssistantTabs id={assistant.id} current="settings" />
      {!canWrite && (
        <p className="mb-4 text-sm text-stone-500 dark:text-stone-400">
          You have read-only access: an admin or operator can change this assistant.
        </p>
      )}
      <AssistantForm
        mode="edit"
        readOnly={!canWrite}
        defaultValues={toFormValues(assistant)}
        onSubmit={async (values) => {
          // Read the latest saved state: the enable toggle may have changed it since the page loaded.
          const saved =
            queryClient.getQueryData(trpc.assistants.get.queryKey({ id: assistant.id })) ?? assistant;
          const patch = toPatch(values, saved);
          if (Object.keys(patch).length === 0) {
            toast.info("No changes to save");
            // What is on screen means what is saved: the form is no longer dirty.
            return toFormValues(saved);
          }
          const updated = await update.mutateAsync({ id: assistant.id, patch });
          queryClient.setQueryData(trpc.assistants.get.queryKey({ id: assistant.id }), updated);
          await queryClient.invalidateQueries(trpc.assistants.list.pathFilter());
          toast.success("Changes saved");
          return toFormValues(updated);
        }}
      />
    </>
  );
}
