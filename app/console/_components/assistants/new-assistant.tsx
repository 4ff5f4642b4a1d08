"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { canWriteAssistants, useConsoleUser } from "../../_lib/console-user";
import { useTRPC } from "../../_lib/trpc";
import { Card } from "../ui/card";
import { ErrorState } from "../ui/error-state";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { Tabs, tabPanelProps } from "../ui/tabs";
import { AssistantForm } from "./assistant-form";
import { newAssistantDefaults, toSettingsInput, withInstanceDefaults } from "./assistant-form-schema";
import { CreateFromFiles } from "./create-from-files";

type StartFrom = "settings" | "files";

const startTabs = [
  { value: "settings", label: "Start from settings" },
  { value: "files", label: "Create from files" },
] as const satisfies Array<{ value: StartFrom; label: string }>;

export function BackToAssistants() {
  return (
    <Link
      href="/console/assistants"
      className="mb-3 inline-flex items-center gap-1 rounded text-sm text-stone-500 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-400 dark:hover:text-stone-100"
    >
      <ArrowLeft aria-hidden className="size-4" />
      Assistants
    </Link>
  );
}

export function NewAssistant() {
  const user = useConsoleUser();
  const [startFrom, setStartFrom] = useState<StartFrom>("settings");

  if (!canWriteAssistants(user)) {
    return (
      <>
        <BackToAssistants />
        <Card>
          <ErrorState
            title="You cannot create assistants"
            message="Your role is viewer. Ask an admin for the operator role."
          />
        </Card>
      </>
    );
  }

  return (
    <>
      <BackToAssistants />
      <PageHeader
        title="New assistant"
        description="Pick a model and write its instructions, or start from documents; tune the rest later."
      />
      <Tabs
        label="How to start"
        idPrefix="new-assistant"
        tabs={[...startTabs]}
        value={startFrom}
        onChange={setStartFrom}
      />
      <div {...tabPanelProps("new-assistant", startFrom)} className="mt-4">
        {startFrom === "files" ? <CreateFromFiles /> : <SettingsForm />}
      </div>
    </>
  );
}

function SettingsForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.assistants.create.mutationOptions());
  const createAuto = useMutation(trpc.assistants.createAuto.mutationOptions());
  // The instance's defaults (Settings) prefill the form; should they fail to load, the form starts
  // from the built-in ones and the server still applies the instance's to what is left empty.
  const instance = useQuery(trpc.settings.get.queryOptions(undefined, { retry: 1 }));
  if (instance.isPending) {
    return (
      <div className="flex justify-center py-16">
        <Spinner label="Loading the defaults…" />
      </div>
    );
  }
  return (
    <AssistantForm
      mode="create"
      defaultValues={
        instance.data
          ? withInstanceDefaults(newAssistantDefaults, instance.data.effective)
          : newAssistantDefaults
      }
      onSubmit={async (values) => {
        const settings = toSettingsInput(values);
        const assistant = values.id
          ? await create.mutateAsync({ id: values.id, ...settings })
          : await createAuto.mutateAsync(settings);
        queryClient.setQueryData(trpc.assistants.get.queryKey({ id: assistant.id }), assistant);
        await queryClient.invalidateQueries(trpc.assistants.list.pathFilter());
        toast.success(`Created ${assistant.name}`, { description: `Id: ${assistant.id}` });
        router.push(`/console/assistants/${assistant.id}`);
      }}
    />
  );
}
