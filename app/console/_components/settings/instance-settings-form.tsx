"use client";
// The instance settings an admin changes here (stored in the database, applied by every replica
// within seconds): the widget snippet's public base URL, the model and SLA new assistants get,
// where backends may connect (the host allowlist), and how long the audit log is kept. An empty
// field returns a setting to its default, shown beside it. Other roles see the values read-only;
// the server refuses their changes whatever this form does.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { DEFAULT_AUDIT_RETENTION_DAYS } from "@/server/schemas/audit";
import { DEFAULT_BACKEND_ALLOWED_HOSTS } from "@/server/schemas/backend-allowlist";
import type { InstanceSettingsDto, UpdateInstanceSettingsInput } from "@/server/schemas/settings";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardSection } from "../ui/card";
import { Field } from "../ui/field";
import { Input, Textarea } from "../ui/input";
import {
  formFieldForPath,
  instanceSettingsFormSchema,
  toFormValues,
  type InstanceSettingsFormValues,
} from "./instance-settings-form-schema";

export function InstanceSettingsForm({ settings }: { settings: InstanceSettingsDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = isAdmin(useConsoleUser());
  const save = useMutation(trpc.settings.update.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<InstanceSettingsFormValues, unknown, UpdateInstanceSettingsInput>({
    resolver: zodResolver(instanceSettingsFormSchema, { error: formErrorMap }),
    defaultValues: toFormValues(settings),
  });
  useUnsavedChanges(isDirty);

  const submit = handleSubmit(async (input) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync(input);
      queryClient.setQueryData(trpc.settings.get.queryKey(), saved);
      reset(toFormValues(saved));
      // The widget snippets show the new base URL.
      await queryClient.invalidateQueries(trpc.widget.pathFilter());
      toast.success("Settings saved");
    } catch (error) {
      let placed = false;
      for (const issue of fieldIssues(error)) {
        const field = formFieldForPath(issue.path);
        if (!field) continue;
        setError(field, { message: issue.message }, { shouldFocus: !placed });
        placed = true;
      }
      if (!placed) setFormError(errorMessage(error));
    }
  });

  const { defaults } = settings;
  return (
    <Card>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Instance settings">
        <CardSection
          title="Instance settings"
          description="Stored in the database and applied by every replica within a few seconds. Leave a field empty to use the environment's default."
        >
          <div className="space-y-4">
            {!canEdit && <Alert tone="warning">Only an admin can change these settings.</Alert>}
            <fieldset disabled={!canEdit || save.isPending} className="grid gap-4 md:grid-cols-3">
              <legend className="sr-only">Instance settings</legend>
              <Field
                id="settings-public-base-url"
                label="Public base URL"
                hint={
                  <>
                    Where websites load the chat widget from (its snippet). Default:{" "}
                    <code className="font-mono">{defaults.public_base_url}</code>
                  </>
                }
                error={errors.public_base_url?.message}
              >
                {(control) => (
                  <Input
                    {...control}
                    type="url"
                    inputMode="url"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={defaults.public_base_url}
                    {...register("public_base_url")}
                  />
                )}
              </Field>
              <Field
                id="settings-default-model"
                label="Default model"
                hint={
                  <>
                    For new assistants that name none. Default:{" "}
                    <code className="font-mono">{defaults.default_model}</code>
                  </>
                }
                error={errors.default_model?.message}
              >
                {(control) => (
                  <Input
                    {...control}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={defaults.default_model}
                    {...register("default_model")}
                  />
                )}
              </Field>
              <Field
                id="settings-default-sla"
                label="Default SLA average (s)"
                hint={`Average response time target of new assistants. Default: ${defaults.default_sla_avg_ms / 1000} s`}
                error={errors.default_sla_avg_s?.message}
              >
                {(control) => (
                  <Input
                    {...control}
                    type="number"
                    min={0}
                    step="0.1"
                    placeholder={String(defaults.default_sla_avg_ms / 1000)}
                    {...register("default_sla_avg_s")}
                  />
                )}
              </Field>
            </fieldset>
            <fieldset disabled={!canEdit || save.isPending}>
              <legend className="sr-only">Backend hosts</legend>
              <Field
                id="settings-backend-allowed-hosts"
                label="Backend host allowlist"
                hint={
                  <>
                    Where backends added here or through the API may connect, one entry per line: a host name,{" "}
                    <code className="font-mono">*.example.com</code>, an IP address, a CIDR,{" "}
                    <code className="font-mono">loopback</code> or <code className="font-mono">private</code>.
                    Checked when a backend is saved and on every connection. Link-local addresses (cloud
                    metadata) are always refused; backends set in the environment are exempt. Empty: the
                    default, <code className="font-mono">{DEFAULT_BACKEND_ALLOWED_HOSTS.join(", ")}</code>.
                  </>
                }
                error={errors.backend_allowed_hosts?.message}
              >
                {(control) => (
                  <Textarea
                    {...control}
                    rows={3}
                    autoComplete="off"
                    spellCheck={false}
                    className="font-mono"
                    {...register("backend_allowed_hosts")}
                  />
                )}
              </Field>
            </fieldset>
            <fieldset disabled={!canEdit || save.isPending} className="grid gap-4 md:grid-cols-3">
              <legend className="sr-only">Audit log</legend>
              <Field
                id="settings-audit-retention"
                label="Audit log retention (days)"
                hint={`Audit events older than this are deleted within the hour. Default: ${DEFAULT_AUDIT_RETENTION_DAYS} days`}
                error={errors.audit_retention_days?.message}
              >
                {(control) => (
                  <Input
                    {...control}
                    type="number"
                    min={1}
                    max={3650}
                    step={1}
                    inputMode="numeric"
                    placeholder={String(DEFAULT_AUDIT_RETENTION_DAYS)}
                    {...register("audit_retention_days")}
                  />
                )}
              </Field>
            </fieldset>
            {formError && <Alert title="Could not save the settings">{formError}</Alert>}
            {canEdit && (
              <div className="flex justify-end">
                <Button type="submit" pending={save.isPending}>
                  Save settings
                </Button>
              </div>
            )}
          </div>
        </CardSection>
      </form>
    </Card>
  );
}
