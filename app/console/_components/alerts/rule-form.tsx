"use client";
// The rule form, to add a rule or (given `rule`) to edit one. Adding, the kind is chosen first and
// fills in its usual threshold and window; a rule of one's own watches every assistant (or
// backend) or one picked by name. A built-in rule keeps its kind and scope.
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch, type UseFormRegister } from "react-hook-form";
import {
  alertKindSchema,
  alertRuleDefaults,
  alertThresholds,
  type AlertRuleDto,
} from "@/server/schemas/alerts";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Checkbox, Input, Select } from "../ui/input";
import { kindLabels } from "./alert-format";
import {
  kindDefaults,
  newRuleDefaults,
  newRuleFormSchema,
  ruleFormSchema,
  toRuleFormValues,
  type RuleFormOutput,
  type RuleFormValues,
} from "./rule-form-schema";

/** Where the server names a field, the form's own field. */
const serverFields: Record<string, "name" | "threshold" | "scope"> = {
  name: "name",
  threshold: "threshold",
  assistant_id: "scope",
  backend_id: "scope",
};

export function RuleForm({
  rule,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  rule?: AlertRuleDto;
  submitLabel: string;
  onSubmit: (values: RuleFormOutput) => Promise<void>;
  onCancel: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<RuleFormValues, unknown, RuleFormOutput>({
    resolver: zodResolver(rule ? ruleFormSchema : newRuleFormSchema, { error: formErrorMap }),
    defaultValues: rule ? toRuleFormValues(rule) : newRuleDefaults(),
  });
  useUnsavedChanges(isDirty);
  const kind = useWatch({ control, name: "kind" });
  const bounds = alertThresholds[kind];
  const usesWindow = kind !== "backend_down";
  const usesSamples = kind === "sla_compliance" || kind === "error_rate";
  const id = rule ? `rule-form-${rule.id}` : "rule-form";

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(values);
    } catch (error) {
      for (const issue of fieldIssues(error)) {
        const field = serverFields[issue.path.replace(/^(body|patch)\./, "")];
        if (field) setError(field, { message: issue.message });
      }
      setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {formError && <Alert>{formError}</Alert>}
      {!rule && (
        <Field id={`${id}-kind`} label="Kind" hint="What the rule watches." required>
          {(c) => (
            <Select
              {...c}
              {...register("kind", {
                // A new kind brings its usual threshold and window, and a scope of its own sort.
                onChange: (event: { target: { value: string } }) => {
                  const defaults = kindDefaults(alertKindSchema.parse(event.target.value));
                  setValue("threshold", defaults.threshold);
                  setValue("window_minutes", defaults.window_minutes);
                  setValue("min_samples", defaults.min_samples);
                  setValue("scope", "");
                },
              })}
            >
              {alertKindSchema.options.map((option) => (
                <option key={option} value={option}>
                  {kindLabels[option]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field
        id={`${id}-name`}
        label="Name"
        hint={rule ? undefined : `Leave empty for “${alertRuleDefaults[kind].name}”.`}
        error={errors.name?.message}
        required={Boolean(rule)}
      >
        {(c) => <Input {...c} {...register("name")} autoComplete="off" />}
      </Field>
      {!rule?.built_in && (
        <ScopeField
          id={`${id}-scope`}
          rule={rule}
          kind={kind}
          register={register}
          error={errors.scope?.message}
        />
      )}
      <label className="flex items-center gap-2 text-sm font-medium text-stone-800 dark:text-stone-200">
        <Checkbox {...register("enabled")} />
        Rule on
      </label>
      <Field
        id={`${id}-threshold`}
        label={bounds.ratio ? `${bounds.label} (%)` : bounds.label}
        hint={bounds.ratio ? "A percentage of answers." : undefined}
        error={errors.threshold?.message}
        required
      >
        {(c) => <Input {...c} inputMode="decimal" {...register("threshold")} />}
      </Field>
      {usesWindow && (
        <Field
          id={`${id}-window`}
          label="Window (minutes)"
          hint="How far back answers and files are counted."
          error={errors.window_minutes?.message}
          required
        >
          {(c) => <Input {...c} inputMode="numeric" {...register("window_minutes")} />}
        </Field>
      )}
      {usesSamples && (
        <Field
          id={`${id}-samples`}
          label="Fewest answers"
          hint="Below this many answers in the window, the rate is not judged."
          error={errors.min_samples?.message}
          required
        >
          {(c) => <Input {...c} inputMode="numeric" {...register("min_samples")} />}
        </Field>
      )}
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

/** The assistants (or, for backend_down, the backends) by name, and "every one". */
function ScopeField({
  id,
  rule,
  kind,
  register,
  error,
}: {
  id: string;
  rule: AlertRuleDto | undefined;
  kind: RuleFormValues["kind"];
  register: UseFormRegister<RuleFormValues>;
  error: string | undefined;
}) {
  const trpc = useTRPC();
  const backendScoped = kind === "backend_down";
  const assistants = useQuery(trpc.assistants.list.queryOptions({ limit: 100 }, { enabled: !backendScoped }));
  const backends = useQuery(trpc.backends.list.queryOptions(undefined, { enabled: backendScoped }));
  const list = backendScoped ? backends : assistants;
  const options = (list.data?.data ?? []).map((entry) => ({ id: entry.id, name: entry.name }));
  // The rule's own scope, even when it is not among those listed (or no longer exists).
  const current = rule?.backend_id ?? rule?.assistant_id;
  if (current && !options.some((option) => option.id === current)) {
    options.unshift({ id: current, name: rule?.scope_name ?? `${current} (deleted)` });
  }
  return (
    <Field
      id={id}
      label={backendScoped ? "Backend" : "Assistant"}
      hint={list.isError ? errorMessage(list.error) : undefined}
      error={error}
    >
      {(c) => (
        <Select {...c} {...register("scope")}>
          <option value="">{backendScoped ? "Every backend" : "Every assistant"}</option>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name === option.id ? option.name : `${option.name} (${option.id})`}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
