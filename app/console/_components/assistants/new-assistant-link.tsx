"use client";
import { Plus } from "lucide-react";
import Link from "next/link";
import { canWriteAssistants, useConsoleUser } from "../../_lib/console-user";
import { buttonClasses } from "../ui/button";

/** The way to the create form, for users who may create assistants. */
export function NewAssistantLink() {
  if (!canWriteAssistants(useConsoleUser())) return null;
  return (
    <Link href="/console/assistants/new" className={buttonClasses()}>
      <Plus aria-hidden className="size-4" />
      New assistant
    </Link>
  );
}
