"use client";
// The Settings page: the instance settings (editable by admins) above the deployment's
// configuration from its environment (read-only for everyone).
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../_lib/trpc";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { DeploymentInfo } from "./deployment-info";
import { InstanceSettingsForm } from "./instance-settings-form";

export function SettingsView() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const deployment = useQuery(trpc.settings.deployment.queryOptions());
  return (
    <>
      <PageHeader
        title="Settings"
        description="This Hearth instance: the settings admins change here, and the configuration it was started with."
      />
      <QueryState
        query={settings}
        loading="Loading the settings…"
        errorTitle="Could not load the settings"
        framed
      >
        {(data) => <InstanceSettingsForm settings={data} key={data.updated_at ?? "unset"} />}
      </QueryState>

      <h2 className="mt-8 mb-1 text-lg font-semibold text-stone-900 dark:text-stone-50">Deployment</h2>
      <p className="mb-4 text-sm text-stone-500 dark:text-stone-400">
        Read from the environment at start-up; change a variable and restart to change it. Passwords, keys and
        tokens are never shown.
      </p>
      <QueryState
        query={deployment}
        loading="Loading the configuration…"
        errorTitle="Could not load the configuration"
        framed
      >
        {(info) => <DeploymentInfo info={info} />}
      </QueryState>
    </>
  );
}
