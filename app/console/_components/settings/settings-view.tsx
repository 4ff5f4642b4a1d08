"use client";
// The Settings page: the instance settings (editable by admins) above the deployment's
// configuration from its environment (read-only for everyone).
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Card } from "../ui/card";
import { ErrorState } from "../ui/error-state";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { DeploymentInfo } from "./deployment-info";
import { InstanceSettingsForm } from "./instance-settings-form";

function Loading({ label }: { label: string }) {
  return (
    <Card className="flex justify-center py-12">
      <Spinner label={label} />
    </Card>
  );
}

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
      {settings.isPending ? (
        <Loading label="Loading the settings…" />
      ) : settings.isError ? (
        <Card>
          <ErrorState
            title="Could not load the settings"
            message={errorMessage(settings.error)}
            onRetry={() => void settings.refetch()}
          />
        </Card>
      ) : (
        <InstanceSettingsForm settings={settings.data} key={settings.data.updated_at ?? "unset"} />
      )}

      <h2 className="mt-8 mb-1 text-lg font-semibold text-stone-900 dark:text-stone-50">Deployment</h2>
      <p className="mb-4 text-sm text-stone-500 dark:text-stone-400">
        Read from the environment at start-up; change a variable and restart to change it. Passwords, keys and
        tokens are never shown.
      </p>
      {deployment.isPending ? (
        <Loading label="Loading the configuration…" />
      ) : deployment.isError ? (
        <Card>
          <ErrorState
            title="Could not load the configuration"
            message={errorMessage(deployment.error)}
            onRetry={() => void deployment.refetch()}
          />
        </Card>
      ) : (
        <DeploymentInfo info={deployment.data} />
      )}
    </>
  );
}
