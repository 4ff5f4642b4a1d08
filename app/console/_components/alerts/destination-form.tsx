"use client";
// The webhook form, to add one or (given `destination`) to edit it. Its caller sends the values;
// a field the server refuses shows its message under that field.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useState } from "react";
import type { AlertDestinationDto, AlertFormat } from "@/server/schemas/alerts";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Checkbox, Input, Select } from "../ui/input";
import {
  destinationFormSchema,
  newDestinationDefaults,
  newDestinationFormSchema,
  toDestinationFormValues,
  type DestinationFormOutput,
  type DestinationFormValues,
} from "./destination-form-schema";

export const formatNames: Record<AlertFormat, string> = {
  generic: "Generic JSON",
  slack: "Slack",
  teams: "Microsoft Teams",
};

const serverFields = ["name", "url", "secret"] as const;

export function DestinationForm({
  destination,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  destination?: AlertDestinationDto;
  submitLabel: string;
  onSubmit: (values: DestinationFormOutput) => Promise<void>;
  onCancel: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<DestinationFormValues, unknown, DestinationFormOutput>({
    resolver: zodResolver(destination ? destinationFormSchema : newDestinationFormSchema, {
      error: formErrorMap,
    }),
    defaultValues: destination ? toDestinationFormValues(destination) : newDestinationDefaults,
  });
  useUnsavedChanges(isDirty);
  const id = destination ? `destination-form-${destination.id}` : "destination-form";

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
    } catch (error) {
      for (const issue of fieldIssues(error)) {
        const field = serverFields.find((name) => issue.path.replace(/^body\.|^patch\./, "") === name);
        if (field) setError(field, { message: issue.message });
      }
      setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {formError && <Alert>{formError}</Alert>}
      <Field id={`${id}-name`} label="Name" error={errors.name?.message} required>
        {(c) => <Input {...c} {...register("name")} placeholder="On-call channel" />}
      </Field>
      <Field id={`${id}-format`} label="Format" hint="The body the webhook expects." required>
        {(c) => (
          <Select {...c} {...register("format")}>
            {Object.entries(formatNames).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id={`${id}-url`}
        label="Webhook URL"
        hint={destination ? `Leave empty to keep ${destination.url_preview}` : undefined}
        error={errors.url?.message}
        required={!destination}
      >
        {(c) => (
          <Input
            {...c}
            {...register("url")}
            type="url"
            autoComplete="off"
            placeholder="https://hooks.slack.com/services/…"
          />
        )}
      </Field>
      <div className="space-y-2">
        <Field
          id={`${id}-secret`}
          label="Signing secret"
          hint={
            destination?.has_secret
              ? "A secret is set. Leave empty to keep it, or type a new one to replace it."
              : "Optional: signs each body (X-Hearth-Signature, HMAC-SHA256) so the receiver can check it came from Hearth."
          }
          error={errors.secret?.message}
        >
          {(c) => <Input {...c} {...register("secret")} type="password" autoComplete="new-password" />}
        </Field>
        {destination?.has_secret && (
          <label className="flex items-center gap-2 text-sm text-stone-700 dark:text-stone-300">
            <Checkbox {...register("remove_secret")} />
            Remove the signing secret (send unsigned)
          </label>
        )}
      </div>
      <label className="flex items-center gap-2 text-sm font-medium text-stone-800 dark:text-stone-200">
        <Checkbox {...register("enabled")} />
        Post alerts to this webhook
      </label>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
