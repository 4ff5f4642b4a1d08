"use client";
// The form that starts a load test (admins): the assistant, the endpoint, the user levels, how
// long each level runs, ramp-up and think time, the prompt set (built in, pasted or loaded from a
// file, or sampled from the assistant's sessions), and the SLA (blank: the assistant's targets).
// The form checks the scenario with the server's own schema before sending it
// (loadtest-form-schema.ts); problems, its own or the server's, are shown next to their fields.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch, type UseFormRegisterReturn } from "react-hook-form";
import { toast } from "sonner";
import type { StartLoadTestRequest } from "@/server/schemas/loadtest";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Button } from "../ui/button";
import { Card, CardSection } from "../ui/card";
import { Field } from "../ui/field";
import { Input, Select, Textarea } from "../ui/input";
import {
  fieldError,
  loadTestFormDefaults,
  loadTestFormSchema,
  promptsFromFile,
  type LoadTestFormValues,
} from "./loadtest-form-schema";

export function StartLoadTestForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const assistants = useQuery(trpc.assistants.list.queryOptions({ limit: 100, enabled: true }));
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setValue,
    setError,
    formState: { errors, isDirty },
  } = useForm<LoadTestFormValues, unknown, StartLoadTestRequest>({
    resolver: zodResolver(loadTestFormSchema, { error: formErrorMap }),
    // `values` follows the assistants as they load (the first is chosen); edits are kept.
    values: { ...loadTestFormDefaults, assistant_id: assistants.data?.data[0]?.id ?? "" },
    resetOptions: { keepDirtyValues: true },
  });
  useUnsavedChanges(isDirty);
  const [assistantId, mode, source] = useWatch({ control, name: ["assistant_id", "mode", "prompts.source"] });

  const start = useMutation(
    trpc.loadTests.start.mutationOptions({
      onSuccess: async (run) => {
        toast.success(`Load test ${run.id} started`);
        await queryClient.invalidateQueries({ queryKey: trpc.loadTests.pathKey() });
        router.push(`/console/loadtests/${run.id}`);
      },
    }),
  );

  const submit = handleSubmit(async (request) => {
    setFormError(null);
    try {
      await start.mutateAsync(request);
    } catch (error) {
      // The server's validation problems go on the fields they name, as the form's own do.
      let placed = false;
      for (const issue of fieldIssues(error)) {
        const found = fieldError(issue.path, issue.message);
        if (!found) continue;
        setError(found.field, { message: found.message }, { shouldFocus: !placed });
        placed = true;
      }
      if (!placed) setFormError(errorMessage(error));
    }
  });

  async function loadFile(file: File | undefined) {
    if (!file) return;
    try {
      const prompts = promptsFromFile(file.name, await file.text());
      setValue("prompts.items", prompts.join("\n"), { shouldDirty: true });
      setValue("prompts.source", "custom", { shouldDirty: true });
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  const general = formError ?? errors.root?.message;
  return (
    <Card>
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="New load test">
        <CardSection
          title="New load test"
          description="Each virtual user asks a question through the assistant's public API, waits for the whole answer, thinks, and asks again. Levels run one after another; one load test runs at a time."
        >
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field id="lt-assistant" label="Assistant" required error={errors.assistant_id?.message}>
              {(control) => (
                <Select {...control} {...register("assistant_id")}>
                  {(assistants.data?.data ?? []).map((assistant) => (
                    <option key={assistant.id} value={assistant.id}>
                      {assistant.name} ({assistant.model})
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              id="lt-label"
              label="Label"
              hint="For comparisons, e.g. the model or “after upgrade”."
              error={errors.label?.message}
            >
              {(control) => <Input {...control} {...register("label")} />}
            </Field>
            <Field id="lt-endpoint" label="Endpoint" error={errors.endpoint?.message}>
              {(control) => (
                <Select {...control} {...register("endpoint")}>
                  <option value="stream">stream (measures time to first token)</option>
                  <option value="ask">ask</option>
                </Select>
              )}
            </Field>
            <Field
              id="lt-levels"
              label="User levels"
              hint="Concurrent users, comma-separated."
              error={errors.user_levels?.message}
            >
              {(control) => <Input {...control} {...register("user_levels")} />}
            </Field>
            <Field id="lt-mode" label="Each level runs">
              {(control) => (
                <Select {...control} {...register("mode")}>
                  <option value="duration">for a duration (seconds)</option>
                  <option value="requests">for a number of requests per user</option>
                </Select>
              )}
            </Field>
            <NumberField
              id="lt-amount"
              label={mode === "duration" ? "Duration (s)" : "Requests per user"}
              error={errors.amount?.message}
              min={1}
              {...register("amount")}
            />
            <NumberField
              id="lt-ramp"
              label="Ramp-up (s)"
              error={errors.ramp_up_seconds?.message}
              min={0}
              {...register("ramp_up_seconds")}
            />
            <NumberField
              id="lt-think"
              label="Think time (ms)"
              error={errors.think_time_ms?.message}
              min={0}
              {...register("think_time_ms")}
            />
          </div>
        </CardSection>
        <CardSection title="Prompts" className="border-t border-stone-200 dark:border-stone-800">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="lt-source" label="Prompt set" error={errors.prompts?.source?.message}>
              {(control) => (
                <Select {...control} {...register("prompts.source")}>
                  <option value="builtin">Built in (20 everyday questions)</option>
                  <option value="custom">My prompts (pasted or from a file)</option>
                  <option value="sessions">Sampled from the assistant&apos;s past sessions</option>
                </Select>
              )}
            </Field>
            {source === "sessions" && (
              <NumberField
                id="lt-sessions"
                label="Latest distinct questions"
                error={errors.prompts?.limit?.message}
                min={1}
                {...register("prompts.limit")}
              />
            )}
            {source === "custom" && (
              <Field
                id="lt-file"
                label="Load from a file"
                hint=".txt (one per line), .csv (first column) or .json (array of strings)."
              >
                {(control) => (
                  <Input
                    {...control}
                    type="file"
                    accept=".txt,.csv,.json,text/plain"
                    className="pt-1.5"
                    onChange={(event) => void loadFile(event.target.files?.[0])}
                  />
                )}
              </Field>
            )}
          </div>
          {source === "custom" && (
            <Field
              id="lt-prompts"
              label="Prompts, one per line"
              className="mt-4"
              error={errors.prompts?.items?.message}
            >
              {(control) => <Textarea {...control} rows={5} {...register("prompts.items")} />}
            </Field>
          )}
        </CardSection>
        <CardSection
          title="SLA"
          description="Leave blank to use the assistant's own targets (average 90 s unless set)."
          className="border-t border-stone-200 dark:border-stone-800"
        >
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <NumberField
              id="lt-sla-avg"
              label="Average ≤ (s)"
              error={errors.sla?.avg_s?.message}
              min={0}
              step="any"
              {...register("sla.avg_s")}
            />
            <NumberField
              id="lt-sla-p95"
              label="p95 ≤ (s)"
              error={errors.sla?.p95_s?.message}
              min={0}
              step="any"
              {...register("sla.p95_s")}
            />
            <NumberField
              id="lt-sla-ttft"
              label="Time to first token ≤ (ms)"
              error={errors.sla?.ttft_ms?.message}
              min={0}
              {...register("sla.ttft_ms")}
            />
            <NumberField
              id="lt-sla-errors"
              label="Error rate ≤ (%)"
              error={errors.sla?.error_percent?.message}
              min={0}
              max={100}
              step="any"
              {...register("sla.error_percent")}
            />
          </div>
        </CardSection>
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-stone-200 px-5 py-4 dark:border-stone-800">
          {general && (
            <p role="alert" className="mr-auto text-sm text-red-700 dark:text-red-400">
              {general}
            </p>
          )}
          <Button type="submit" pending={start.isPending} disabled={!assistantId}>
            <Play aria-hidden className="size-4" />
            Start load test
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** A number input in a Field; the value stays text so an empty box means "not set". */
function NumberField({
  id,
  label,
  error,
  min,
  max,
  step,
  ...registered
}: UseFormRegisterReturn & {
  id: string;
  label: string;
  error?: string;
  step?: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      {(control) => <Input {...control} {...registered} type="number" min={min} max={max} step={step} />}
    </Field>
  );
}
