"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Gauge } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import type { ApiKeyDto } from "@/server/schemas/api-key";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { QuotaFields } from "../quotas/quota-fields";
import {
  hasQuotas,
  noQuotaValues,
  quotaForPath,
  quotasField,
  toQuotaFormValues,
} from "../quotas/quota-form-schema";
import { QuotaUsageList } from "../quotas/quota-usage-list";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { FieldError } from "../ui/field";
import { Modal } from "../ui/modal";
import { Spinner } from "../ui/spinner";

const formSchema = z.object({ quotas: quotasField });
type FormValues = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

/** A key's use of its quotas, refreshed while the dialog is open (a minute's window moves fast). */
function useKeyQuotaUsage(apiKey: ApiKeyDto) {
  const trpc = useTRPC();
  return useQuery(
    trpc.apiKeys.quotaUsage.queryOptions(
      { id: apiKey.id },
      { enabled: hasQuotas(apiKey.quotas), refetchInterval: 15_000 },
    ),
  );
}

/** "Edit quotas" on a key's row: its use against the limits, and the limits themselves. */
export function EditQuotasDialog({ apiKey, describedBy }: { apiKey: ApiKeyDto; describedBy: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" aria-describedby={describedBy} onClick={() => setOpen(true)}>
        <Gauge aria-hidden className="size-4" />
        Edit quotas
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Quotas of “${apiKey.name}”`}
        description="Limits on the questions asked with this key; leave a field empty for no limit. A request over a limit is refused with 429 and Retry-After."
      >
        <div className="space-y-6">
          {hasQuotas(apiKey.quotas) && <CurrentUse apiKey={apiKey} />}
          <QuotasForm apiKey={apiKey} onDone={() => setOpen(false)} />
        </div>
      </Modal>
    </>
  );
}

function CurrentUse({ apiKey }: { apiKey: ApiKeyDto }) {
  const usage = useKeyQuotaUsage(apiKey);
  return (
    <section aria-labelledby="key-quota-use" className="space-y-2">
      <h3 id="key-quota-use" className="text-sm font-semibold text-stone-900 dark:text-stone-100">
        Current use
      </h3>
      {usage.isPending ? (
        <Spinner label="Loading use…" />
      ) : usage.isError ? (
        <FieldError>{errorMessage(usage.error)}</FieldError>
      ) : (
        <QuotaUsageList usage={usage.data.data} label={`Use of the quotas of ${apiKey.name}`} />
      )}
    </section>
  );
}

function QuotasForm({ apiKey, onDone }: { apiKey: ApiKeyDto; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const update = useMutation(trpc.apiKeys.update.mutationOptions());
  const {
    register,
    handleSubmit,
    setValue,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues, unknown, FormOutput>({
    resolver: zodResolver(formSchema, { error: formErrorMap }),
    defaultValues: { quotas: toQuotaFormValues(apiKey.quotas) },
  });
  useUnsavedChanges(isDirty);

  const submit = handleSubmit(async ({ quotas }) => {
    setFormError(null);
    try {
      await update.mutateAsync({ id: apiKey.id, quotas });
      await Promise.all([
        queryClient.invalidateQueries(trpc.apiKeys.list.pathFilter()),
        queryClient.invalidateQueries(trpc.apiKeys.quotaUsage.queryFilter({ id: apiKey.id })),
        queryClient.invalidateQueries(trpc.apiKeys.quotaUsageMany.pathFilter()),
      ]);
      toast.success(`Saved the quotas of “${apiKey.name}”`);
      onDone();
    } catch (error) {
      for (const issue of fieldIssues(error)) {
        const quota = quotaForPath(issue.path, "quotas");
        if (quota) setError(`quotas.${quota}`, { message: issue.message });
      }
      setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {formError && <Alert>{formError}</Alert>}
      <QuotaFields
        idPrefix="edit-key-quotas"
        register={(name) => register(`quotas.${name}`)}
        errors={errors.quotas}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button
          variant="ghost"
          disabled={isSubmitting}
          onClick={() => setValue("quotas", noQuotaValues, { shouldDirty: true })}
        >
          Remove all limits
        </Button>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" pending={isSubmitting}>
            Save quotas
          </Button>
        </div>
      </div>
    </form>
  );
}
