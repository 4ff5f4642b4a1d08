"use client";
// The instance settings an admin changes here (stored in the database, applied by every replica
// within seconds): the widget snippet's public base URL, the model and SLA new assistants get,
// where backends may connect (the host allowlist), and how long the audit log is kept. An empty
// field returns a setting to its default, shown beside it. Other roles see the values read-only;
// the server refuses their changes whatever this form does.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { DEFAULT_AUDIT_RETENTION_DAYS } from "@/server/schemas/audit";
import { allowlistEntryProblem, DEFAULT_BACKEND_ALLOWED_HOSTS } from "@/server/schemas/backend-allowlist";
import type { InstanceSettingsDto, UpdateInstanceSettingsInput } from "@/server/schemas/settings";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardSection } from "../ui/card";
import { Field } from "../ui/field";
import { Input, Textarea } from "../ui/input";

type Values = {
  public_base_url: string;
  default_model: string;
  default_sla_avg_s: string;
  backend_allowed_hosts: string;
  audit_retention_days: string;
};

/** The allowlist's entries as typed: one per line or separated by commas. */
const allowlistEntries = (text: string) =>
  text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter(Boolean);

const fromSettings = (settings: InstanceSettingsDto): Values => ({
  public_base_url: settings.public_base_url ?? "",
  default_model: settings.default_model ?? "",
  default_sla_avg_s: settings.default_sla_avg_ms === null ? "" : String(settings.default_sla_avg_ms / 1000),
  backend_allowed_hosts: settings.backend_allowed_hosts.join("\n"),
  audit_retention_days: String(settings.audit_retention_days),
});

type Parsed = { ok: true; input: UpdateInstanceSettingsInput } | { ok: false; errors: Partial<Values> };

function parse(values: Values): Parsed {
  const seconds = values.default_sla_avg_s.trim();
  const slaMs = seconds === "" ? null : Math.round(Number(seconds) * 1000);
  if (slaMs !== null && (!Number.isFinite(slaMs) || slaMs < 1 || slaMs > 3_600_000)) {
    return { ok: false, errors: { default_sla_avg_s: "Enter a number of seconds, up to 3600" } };
  }
  const hosts = allowlistEntries(values.backend_allowed_hosts);
  const badHost = hosts
    .map((entry) => (allowlistEntryProblem(entry) ? `'${entry}' ${allowlistEntryProblem(entry)}` : null))
    .find(Boolean);
  if (badHost) return { ok: false, errors: { backend_allowed_hosts: badHost } };
  const retention = values.audit_retention_days.trim();
  const retentionDays = retention === "" ? null : Number(retention);
  if (
    retentionDays !== null &&
    !(Number.isInteger(retentionDays) && retentionDays >= 1 && retentionDays <= 3650)
  ) {
    return { ok: false, errors: { audit_retention_days: "Enter a whole number of days, 1 to 3650" } };
  }
  return {
    ok: true,
    input: {
      public_base_url: values.public_base_url.trim() || null,
      default_model: values.default_model.trim() || null,
      default_sla_avg_ms: slaMs,
      // Emptied: back to the default list (a list that allows nothing is not offered here).
      backend_allowed_hosts: hosts.length > 0 ? hosts : null,
      audit_retention_days: retentionDays,
    },
  };
}

/** Server-side field paths to the form's fields. */
const fieldFor: Partial<Record<string, keyof Values>> = {
  public_base_url: "public_base_url",
  default_model: "default_model",
  default_sla_avg_ms: "default_sla_avg_s",
  backend_allowed_hosts: "backend_allowed_hosts",
  audit_retention_days: "audit_retention_days",
};

export function InstanceSettingsForm({ settings }: { settings: InstanceSettingsDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = isAdmin(useConsoleUser());
  const [values, setValues] = useState<Values>(() => fromSettings(settings));
  const [errors, setErrors] = useState<Partial<Values>>({});
  const save = useMutation(trpc.settings.update.mutationOptions());

  const set = (key: keyof Values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [key]: event.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parse(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    try {
      const saved = await save.mutateAsync(parsed.input);
      queryClient.setQueryData(trpc.settings.get.queryKey(), saved);
      setValues(fromSettings(saved));
      // The widget snippets show the new base URL.
      await queryClient.invalidateQueries(trpc.widget.pathFilter());
      toast.success("Settings saved");
    } catch (error) {
      const placed: Partial<Values> = {};
      for (const issue of fieldIssues(error)) {
        const field = fieldFor[issue.path.split(".")[0] ?? ""];
        if (field) placed[field] = issue.message;
      }
      setErrors(placed);
    }
  }

  const { defaults } = settings;
  return (
    <Card>
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Instance settings">
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
                error={errors.public_base_url}
              >
                {(control) => (
                  <Input
                    {...control}
                    type="url"
                    inputMode="url"
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={defaults.public_base_url}
                    value={values.public_base_url}
                    onChange={set("public_base_url")}
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
                error={errors.default_model}
              >
                {(control) => (
                  <Input
                    {...control}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={defaults.default_model}
                    value={values.default_model}
                    onChange={set("default_model")}
                  />
                )}
              </Field>
              <Field
                id="settings-default-sla"
                label="Default SLA average (s)"
                hint={`Average response time target of new assistants. Default: ${defaults.default_sla_avg_ms / 1000} s`}
                error={errors.default_sla_avg_s}
              >
                {(control) => (
                  <Input
                    {...control}
                    type="number"
                    min={0}
                    step="0.1"
                    placeholder={String(defaults.default_sla_avg_ms / 1000)}
                    value={values.default_sla_avg_s}
                    onChange={set("default_sla_avg_s")}
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
                error={errors.backend_allowed_hosts}
              >
                {(control) => (
                  <Textarea
                    {...control}
                    rows={3}
                    autoComplete="off"
                    spellCheck={false}
                    className="font-mono"
                    value={values.backend_allowed_hosts}
                    onChange={set("backend_allowed_hosts")}
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
                error={errors.audit_retention_days}
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
                    value={values.audit_retention_days}
                    onChange={set("audit_retention_days")}
                  />
                )}
              </Field>
            </fieldset>
            {save.error && Object.keys(errors).length === 0 && (
              <Alert title="Could not save the settings">{errorMessage(save.error)}</Alert>
            )}
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
