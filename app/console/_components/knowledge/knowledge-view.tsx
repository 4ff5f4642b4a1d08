"use client";
import type { ReactNode } from "react";
import { canWriteKnowledge, useConsoleUser } from "../../_lib/console-user";
import { AssistantPage } from "../assistants/assistant-page";
import { Card } from "../ui/card";
import { FileUploader } from "./file-uploader";
import { FilesTable } from "./files-table";
import { CreateStoreDialog } from "./create-store-dialog";
import { SearchTester } from "./search-tester";
import { VectorStoresTable } from "./vector-stores-table";

/** An assistant's knowledge: its files, the vector stores that index them, and a search to try them. */
export function KnowledgeView({ id }: { id: string }) {
  const canWrite = canWriteKnowledge(useConsoleUser());
  return (
    <AssistantPage id={id} section="knowledge" description="The documents this assistant answers from.">
      {(assistant) => (
        <div className="space-y-6">
          <Card>
            <SectionHeader
              title="Files"
              description={
                canWrite
                  ? "Uploaded files are parsed, split into passages and indexed in the background."
                  : "Your role can read and search this knowledge, not change it."
              }
            />
            {canWrite && <FileUploader assistantId={assistant.id} />}
            <FilesTable assistantId={assistant.id} canWrite={canWrite} />
          </Card>
          <Card>
            <SectionHeader
              title="Vector stores"
              description="Each store indexes its files with one embedding model; answers search every store."
              action={canWrite && <CreateStoreDialog assistantId={assistant.id} />}
            />
            <VectorStoresTable assistantId={assistant.id} canWrite={canWrite} />
          </Card>
          <Card>
            <SectionHeader
              title="Search tester"
              description="See which passages a question retrieves, and how well they score."
            />
            <SearchTester assistant={assistant} />
          </Card>
        </div>
      )}
    </AssistantPage>
  );
}

function SectionHeader({
  title,
  description,
  action,
}: {
  title: string;
  description: string;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-b border-stone-200 px-4 py-3 dark:border-stone-800">
      <div>
        <h2 className="text-base font-semibold text-stone-900 dark:text-stone-100">{title}</h2>
        <p className="mt-0.5 text-sm text-stone-500 dark:text-stone-400">{description}</p>
      </div>
      {action}
    </div>
  );
}
