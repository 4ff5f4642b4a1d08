"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronRight, Plus } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { apiKeyScopeSchema, createApiKeyInputSchema, type CreatedApiKeyDto } from "@/server/schemas/api-key";
import { errorMessage } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { QuotaFields } from "../quotas/quota-fields";
import { noQuotaValues, QUOTA_NAMES, quotasField } from "../quotas/quota-form-schema";
import { cn } from "../ui/cn";
import { Field, FieldError } from "../ui/field";
import { Checkbox, Input, Select } from "../ui/input";
import { Modal } from "../ui/modal";
import { Spinner } from "../ui/spinner";
import { RadioCards } from "../ui/radio-cards";

const expiryChoices = {
  never: { label: "Never", days: null },
  "7d": { label: "In 7 days", days: 7 },
  "30d": { label: "In 30 days", days: 30 },
  "90d": { label: "In 90 days", days: 90 },
  "365d": { label: "In 1 year", days: 365 },
  custom: { label: "On a date…", days: null },
} as const;
type ExpiryChoice = keyof typeof expiryChoices;

const formSchema = z
  .object({
    name: createApiKeyInputSchema.shape.name,
    scope: apiKeyScopeSchema,
    assistant_ids: z.array(z.string()),
    expiry: z.enum(Object.keys(expiryChoices) as [ExpiryChoice, ...ExpiryChoice[]]),
    expiry_date: z.string(),
    quotas: quotasField,
  })
  .superRefine((values, ctx) => {
    if (values.expiry !== "custom") return;
    if (!values.expiry_date) {
      ctx.addIssue({ code: "custom", path: ["expiry_date"], message: "Pick a date" });
    } else if (endOfDay(values.expiry_date).getTime() <= Date.now()) {
      ctx.addIssue({ code: "custom", path: ["expiry_date"], message: "Pick a date in the future" });
    }
  });
type FormValues = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

const defaults: FormValues = {
  name: "",
  scope: "runtime",
  assistant_ids: [],
  expiry: "never",
  expiry_date: "",
  quotas: noQuotaValues,
};

/** The end of a `yyyy-mm-dd` day in the browser's time zone. */
function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59`);
}

function expiresAt(values: FormOutput): string | undefined {
  if (values.expiry === "custom") return endOfDay(values.expiry_date).toISOString();
  const days = expiryChoices[values.expiry].days;
  return days === null ? undefined : new Date(Date.now() + days * 86_400_000).toISOString();
}

export function CreateApiKeyDialog() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiKeyDto | null>(null);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) setCreated(null);
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden className="size-4" />
        Create API key
      </Button>
      <Modal
        open={open}
        onOpenChange={onOpenChange}
        title={created ? "Your new API key" : "Create API key"}
        description={
          created
            ? undefined
            : "Admin keys drive the /admin API. Runtime keys call assistants: all or the ones you pick."
        }
        dismissibleOutside={!created}
      >
        {created ? (
          <SecretView apiKey={created} onDone={() => onOpenChange(false)} />
        ) : (
          <CreateForm onCreated={setCreated} onCancel={() => onOpenChange(false)} />
        )}
      </Modal>
    </>
  );
}

function SecretView({ apiKey, onDone }: { apiKey: CreatedApiKeyDto; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <Alert tone="warning" title="Copy the key now">
        This is the only time it is shown: Hearth keeps only a hash of it. If you lose it, revoke it and
        create another.
      </Alert>
      <div className="space-y-1.5">
        <label
          htmlFor="api-key-secret"
          className="block text-sm font-medium text-stone-800 dark:text-stone-200"
        >
          Secret key for “{apiKey.name}”
        </label>
        <div className="flex gap-2">
          <Input
            id="api-key-secret"
            readOnly
            value={apiKey.key}
            className="font-mono"
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton text={apiKey.key} />
        </div>
      </div>
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

function CreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (key: CreatedApiKeyDto) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.apiKeys.create.mutationOptions());
  const {
    register,
    control,
    handleSubmit,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<FormValues, unknown, FormOutput>({
    resolver: zodResolver(formSchema, { error: formErrorMap }),
    defaultValues: defaults,
  });
  useUnsavedChanges(isDirty);
  const scope = useWatch({ control, name: "scope" });
  const expiry = useWatch({ control, name: "expiry" });
  const assistants = useQuery(
    trpc.assistants.list.queryOptions({ limit: 100 }, { enabled: scope === "runtime" }),
  );

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const key = await create.mutateAsync({
        name: values.name,
        scope: values.scope,
        assistant_ids: values.scope === "runtime" ? values.assistant_ids : [],
        expires_at: expiresAt(values),
        quotas: values.quotas,
      });
      await queryClient.invalidateQueries(trpc.apiKeys.list.pathFilter());
      toast.success(`Created API key “${key.name}”`);
      onCreated(key);
    } catch (error) {
      setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {formError && <Alert>{formError}</Alert>}
      <Field
        id="key-name"
        label="Name"
        hint="Who or what uses the key, e.g. “Support widget”."
        error={errors.name?.message}
      >
        {(c) => <Input {...c} autoComplete="off" autoFocus {...register("name")} />}
      </Field>

      <RadioCards
        legend="Scope"
        options={[
          ["runtime", "Runtime", "Ask assistants, manage their sessions and files."],
          ["admin", "Admin", "Everything under /admin: create, change and delete assistants, manage keys."],
        ]}
        registration={register("scope")}
      />

      {scope === "runtime" && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-stone-800 dark:text-stone-200">Assistants</legend>
          <p id="key-assistants-hint" className="text-xs text-stone-500 dark:text-stone-400">
            Leave all unticked to allow every assistant, including ones created later.
          </p>
          {assistants.isPending ? (
            <Spinner label="Loading assistants…" />
          ) : assistants.isError ? (
            <FieldError>{errorMessage(assistants.error)}</FieldError>
          ) : assistants.data.data.length === 0 ? (
            <p className="text-sm text-stone-500 dark:text-stone-400">No assistants yet.</p>
          ) : (
            <div className="max-h-44 space-y-1 overflow-y-auto rounded-md border border-stone-200 p-2 dark:border-stone-700">
              {assistants.data.data.map((assistant) => (
                <label
                  key={assistant.id}
                  className="flex items-center gap-2 rounded px-1.5 py-1 text-sm hover:bg-stone-50 dark:hover:bg-stone-800"
                >
                  <Checkbox value={assistant.id} {...register("assistant_ids")} />
                  <span className="truncate">{assistant.name}</span>
                  <code className="ml-auto shrink-0 font-mono text-xs text-stone-500 dark:text-stone-400">
                    {assistant.id}
                  </code>
                </label>
              ))}
              {assistants.data.total > assistants.data.data.length && (
                <p className="px-1.5 pt-1 text-xs text-stone-500 dark:text-stone-400">
                  Showing the {assistants.data.data.length} newest of {assistants.data.total}.
                </p>
              )}
            </div>
          )}
        </fieldset>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="key-expiry" label="Expires" error={errors.expiry?.message}>
          {(c) => (
            <Select {...c} {...register("expiry")}>
              {Object.entries(expiryChoices).map(([value, choice]) => (
                <option key={value} value={value}>
                  {choice.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {expiry === "custom" && (
          <Field id="key-expiry-date" label="Expiry date" error={errors.expiry_date?.message}>
            {(c) => <Input {...c} type="date" {...register("expiry_date")} />}
          </Field>
        )}
      </div>

      <QuotasSection control={control} register={register} errors={errors.quotas} />

      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Create API key
        </Button>
      </div>
    </form>
  );
}

/** Optional limits, folded away until asked for (or until one of them is invalid). */
function QuotasSection({
  control,
  register,
  errors,
}: {
  control: Control<FormValues, unknown, FormOutput>;
  register: UseFormRegister<FormValues>;
  errors: FieldErrors<FormValues>["quotas"];
}) {
  const [expanded, setExpanded] = useState(false);
  const quotas = useWatch({ control, name: "quotas" });
  const set = QUOTA_NAMES.filter((name) => quotas[name].trim() !== "").length;
  const open = expanded || errors !== undefined;
  return (
    <div className="rounded-md border border-stone-200 dark:border-stone-700">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="key-quotas"
        onClick={() => setExpanded(!open)}
        className="flex w-full items-center gap-1.5 rounded-md px-3 py-2 text-left text-sm font-medium text-stone-800 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-200 dark:hover:bg-stone-800"
      >
        <ChevronRight
          aria-hidden
          className={cn("size-4 shrink-0 transition-transform", open && "rotate-90")}
        />
        Quotas
        <span className="ml-auto text-xs font-normal text-stone-500 dark:text-stone-400">
          {set === 0 ? "No limits" : `${String(set)} set`}
        </span>
      </button>
      <div
        id="key-quotas"
        hidden={!open}
        className="space-y-3 border-t border-stone-200 p-3 dark:border-stone-700"
      >
        <p className="text-xs text-stone-500 dark:text-stone-400">
          Limits on the questions asked with this key; leave a field empty for no limit. A request over a
          limit is refused with 429 and Retry-After.
        </p>
        <QuotaFields idPrefix="key-quotas" register={(name) => register(`quotas.${name}`)} errors={errors} />
      </div>
    </div>
  );
}
