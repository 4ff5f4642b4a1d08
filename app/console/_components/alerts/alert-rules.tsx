"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { alertThresholds, type AlertRuleDto } from "@/server/schemas/alerts";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { TableHead } from "../ui/data-table";
import { Field } from "../ui/field";
import { Checkbox, Input } from "../ui/input";
import { Modal } from "../ui/modal";
import { QueryState } from "../ui/query-state";
import { tbodyClass, tdClass } from "../ui/table-styles";
import { describeRule, kindLabels, scopeOf } from "./alert-format";
import {
  ruleFormSchema,
  toRuleFormValues,
  toRulePatch,
  type RuleFormOutput,
  type RuleFormValues,
} from "./rule-form-schema";

const stackedCell = `${tdClass} max-md:block max-md:py-1.5`;

/** The rules, each with its condition in words; admins edit thresholds and switch rules on and off. */
export function AlertRules() {
  const trpc = useTRPC();
  const admin = isAdmin(useConsoleUser());
  const rules = useQuery(trpc.alerts.rules.queryOptions());
  return (
    <QueryState query={rules} loading="Loading alert rules…" framed>
      {(list) => (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Alert rules</caption>
            <TableHead
              columns={[
                { label: "Rule" },
                { label: "Fires when", className: "max-md:hidden" },
                { label: "Scope", className: "max-md:hidden" },
                { label: "State" },
                ...(admin ? [{ label: "Actions", srOnly: true }] : []),
              ]}
            />
            <tbody className={tbodyClass}>
              {list.data.map((rule) => (
                <tr key={rule.id} className="max-md:block">
                  <td className={stackedCell}>
                    <div id={`rule-${rule.id}`} className="font-medium text-stone-900 dark:text-stone-100">
                      {rule.name}
                    </div>
                    <div className="text-xs text-stone-500 dark:text-stone-400">{kindLabels[rule.kind]}</div>
                  </td>
                  <td className={`${stackedCell} text-stone-700 dark:text-stone-300`}>
                    {describeRule(rule)}
                  </td>
                  <td className={`${stackedCell} text-stone-500 dark:text-stone-400`}>{scopeOf(rule)}</td>
                  <td className={stackedCell}>
                    <Badge tone={rule.enabled ? "success" : "neutral"}>{rule.enabled ? "On" : "Off"}</Badge>
                  </td>
                  {admin && (
                    <td className={`${stackedCell} text-right`}>
                      <EditRuleDialog rule={rule} describedBy={`rule-${rule.id}`} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </QueryState>
  );
}

function EditRuleDialog({ rule, describedBy }: { rule: AlertRuleDto; describedBy: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" aria-describedby={describedBy} onClick={() => setOpen(true)}>
        Edit
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Edit “${rule.name}”`}
        description={describeRule(rule)}
      >
        <RuleForm rule={rule} onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function RuleForm({ rule, onDone }: { rule: AlertRuleDto; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.alerts.updateRule.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<RuleFormValues, unknown, RuleFormOutput>({
    resolver: zodResolver(ruleFormSchema, { error: formErrorMap }),
    defaultValues: toRuleFormValues(rule),
  });
  useUnsavedChanges(isDirty);
  const bounds = alertThresholds[rule.kind];
  const usesWindow = rule.kind !== "backend_down";
  const usesSamples = rule.kind === "sla_compliance" || rule.kind === "error_rate";
  const id = `rule-form-${rule.id}`;

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const patch = toRulePatch(values, rule);
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    try {
      await update.mutateAsync({ id: rule.id, patch });
      await queryClient.invalidateQueries(trpc.alerts.pathFilter());
      toast.success(`Saved “${rule.name}”`);
      onDone();
    } catch (error) {
      for (const issue of fieldIssues(error)) {
        if (issue.path === "body.threshold") setError("threshold", { message: issue.message });
      }
      setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {formError && <Alert>{formError}</Alert>}
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
        {(control) => <Input {...control} inputMode="decimal" {...register("threshold")} />}
      </Field>
      {usesWindow && (
        <Field
          id={`${id}-window`}
          label="Window (minutes)"
          hint="How far back answers and files are counted."
          error={errors.window_minutes?.message}
          required
        >
          {(control) => <Input {...control} inputMode="numeric" {...register("window_minutes")} />}
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
          {(control) => <Input {...control} inputMode="numeric" {...register("min_samples")} />}
        </Field>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Save rule
        </Button>
      </div>
    </form>
  );
}
