"use client";
import { ShieldAlert } from "lucide-react";
import type { ReactNode } from "react";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { Card } from "./card";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";

/** Renders its children for admins; others see why the page is closed to them. */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  if (isAdmin(useConsoleUser())) return children;
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <EmptyState
          icon={ShieldAlert}
          title="Admins only"
          description="Your role does not allow this page. Ask an admin if you need access."
        />
      </Card>
    </>
  );
}
