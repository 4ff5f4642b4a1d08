"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { baseUrlProblem, type BackendDto } from "@/server/schemas/backend";
import { commaListField } from "../../_lib/comma-list";
import { errorCode, errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Checkbox, Input, Select } from "../ui/input";
import {
  backendFormSchema,
  formFieldForPath,
  type BackendFormOutput,
  type BackendFormValues,
  type PriceField,
} from "./backend-form-schema";
import { checkInputFor, toggleModel } from "./backend-check";
import { ConnectionCheck } from "./connection-check";

const kindLabels: Record<BackendDto["kind"], string> = {
  openai_compatible: "OpenAI-compatible server (vLLM, llama.cpp server, Ollama…)",
  llama_cpp: "llama.cpp in-process (GGUF file)",
};

const priceInputs: Array<{ name: PriceField; label: string }> = [
  { name: "input_per_million", label: "USD per 1M input tokens" },
  { name: "output_per_million", label: "USD per 1M output tokens" },
  { name: "gpu_hour", label: "USD per GPU-hour" },
];

type BackendFormProps = {
  /** The backend being edited; absent when adding one. */
  backend?: BackendDto;
  defaultValues: BackendFormValues;
  submitLabel: string;
  /** Saves; a thrown tRPC error is shown on the fields it names, or above the form. */
  onSubmit: (values: BackendFormOutput) => Promise<void>;
  onCancel: () => void;
};

export function BackendForm({ backend, defaultValues, submitLabel, onSubmit, onCancel }: BackendFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    getValues,
    clearErrors,
    setError,
    setValue,
    formState: { errors, isSubmitting, isDirty, isSubmitted },
  } = useForm<BackendFormValues, unknown, BackendFormOutput>({
    resolver: zodResolver(backendFormSchema, { error: formErrorMap }),
    defaultValues,
  });
  useUnsavedChanges(isDirty);
  const kind = useWatch({ control, name: "kind" });
  const removeKey = useWatch({ control, name: "remove_api_key" });
  const baseUrl = useWatch({ control, name: "base_url" });
  const models = useWatch({ control, name: "models" });
  const trpc = useTRPC();
  const check = useMutation(trpc.backends.check.mutationOptions());
  // An answer about another URL than the one in the field says nothing about it: not shown.
  const checkIsCurrent = check.variables?.base_url === baseUrl.trim();
  const fromEnv = backend?.source === "env";
  // A key is never carried to a new URL: the server wants it again (or its removal) with the URL.
  const keyMustBeResent = Boolean(
    backend?.has_api_key &&
    backend.kind === "openai_compatible" &&
    baseUrl.trim() !== (backend.base_url ?? ""),
  );

  function testConnection() {
    const url = baseUrl.trim();
    const problem = url === "" ? "Enter the base URL to test" : baseUrlProblem(url);
    if (problem) {
      setError("base_url", { message: problem }, { shouldFocus: true });
      return;
    }
    clearErrors("base_url");
    check.mutate(checkInputFor({ baseUrl: url, apiKey: getValues("api_key"), removeKey, backend }));
  }

  const setModels = (value: string) =>
    setValue("models", value, { shouldDirty: true, shouldValidate: isSubmitted });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    if (keyMustBeResent && !values.api_key && !values.remove_api_key) {
      setError(
        "api_key",
        { message: "The URL changed: enter the API key again, or remove it, to save" },
        { shouldFocus: true },
      );
      return;
    }
    try {
      await onSubmit(values);
    } catch (error) {
      if (errorCode(error) === "CONFLICT") {
        setError("name", { message: errorMessage(error) }, { shouldFocus: true });
        return;
      }
      let focused = false;
      for (const issue of fieldIssues(error)) {
        const field = formFieldForPath(issue.path);
        if (!field) continue;
        setError(field, { message: issue.message }, { shouldFocus: !focused });
        focused = true;
      }
      setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
      {formError && <Alert>{formError}</Alert>}
      {fromEnv && (
        <Alert tone="warning" title="Set from the environment">
          The environment re-applies this backend&apos;s settings at start-up, so changes to its URL, model
          path or models last only until the next restart.
        </Alert>
      )}
      <Field
        id="backend-name"
        label="Name"
        required
        hint={fromEnv ? "Environment backends keep their name." : "Letters, digits, '.', '_' and '-'."}
        error={errors.name?.message}
      >
        {(c) => (
          <Input {...c} autoComplete="off" spellCheck={false} readOnly={fromEnv} {...register("name")} />
        )}
      </Field>
      {backend ? (
        <div className="space-y-1.5 text-sm">
          <p className="font-medium text-stone-800 dark:text-stone-200">Kind</p>
          <p className="text-stone-600 dark:text-stone-400">
            {kindLabels[backend.kind]} — cannot be changed.
          </p>
        </div>
      ) : (
        <Field id="backend-kind" label="Kind" error={errors.kind?.message}>
          {(c) => (
            <Select {...c} {...register("kind")}>
              {Object.entries(kindLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {kind === "openai_compatible" ? (
        <div className="space-y-2">
          <Field
            id="backend-base-url"
            label="Base URL"
            required
            hint="Usually ends in /v1, e.g. http://vllm:8000/v1. No user, password or query; the host must be in the instance's backend host allowlist (Settings). Test connection asks it for its models (GET /models)."
            error={errors.base_url?.message}
          >
            {(c) => (
              <div className="flex flex-wrap gap-2 sm:flex-nowrap">
                <Input
                  {...c}
                  type="url"
                  autoComplete="off"
                  spellCheck={false}
                  className="min-w-0 flex-1 basis-56"
                  {...register("base_url")}
                />
                <Button variant="secondary" pending={check.isPending} onClick={testConnection}>
                  Test connection
                </Button>
              </div>
            )}
          </Field>
          <ConnectionCheck
            pending={check.isPending}
            result={checkIsCurrent ? check.data : undefined}
            error={checkIsCurrent ? check.error : null}
            selected={commaListField.parse(models)}
            onToggle={(model) => setModels(toggleModel(getValues("models"), model))}
            onUseAll={(served) => setModels(served.join(", "))}
          />
        </div>
      ) : (
        <Field
          id="backend-model-path"
          label="Model path"
          required
          hint="A .gguf file inside the server's models folder (HEARTH_MODELS_DIR); a relative path starts there."
          error={errors.model_path?.message}
        >
          {(c) => <Input {...c} autoComplete="off" spellCheck={false} {...register("model_path")} />}
        </Field>
      )}
      <Field
        id="backend-models"
        label="Models"
        required
        hint="Comma-separated model names this backend serves; assistants pick one by name."
        error={errors.models?.message}
      >
        {(c) => <Input {...c} autoComplete="off" spellCheck={false} {...register("models")} />}
      </Field>
      <Field
        id="backend-max-concurrency"
        label="Max concurrency"
        required
        hint="Requests sent to it at once (from this Hearth server); more wait in Hearth's queue."
        error={errors.max_concurrency?.message}
      >
        {(c) => (
          <Input {...c} type="number" min={1} step={1} inputMode="numeric" {...register("max_concurrency")} />
        )}
      </Field>
      {kind === "openai_compatible" && (
        <label className="flex items-start gap-2 text-sm text-stone-700 dark:text-stone-300">
          <Checkbox {...register("probe_generation")} />
          <span>
            Probe with a one-token generation
            <span className="block text-xs text-stone-500 dark:text-stone-400">
              Besides /health, ask for one token every few seconds: catches a server that is up but cannot
              generate.
            </span>
          </span>
        </label>
      )}
      {kind === "openai_compatible" && (
        <div className="space-y-2">
          <Field
            id="backend-api-key"
            label="API key"
            hint={
              removeKey
                ? "The key is removed on save."
                : keyMustBeResent
                  ? "The URL changed, so the key is not kept: type it again, or remove it."
                  : backend?.has_api_key
                    ? "A key is set. Leave empty to keep it, or type a new one to replace it."
                    : "Optional. Sent as a bearer token; stored encrypted."
            }
            error={errors.api_key?.message}
          >
            {(c) => <Input {...c} type="password" autoComplete="new-password" {...register("api_key")} />}
          </Field>
          {backend?.has_api_key && (!backend.api_key_env || keyMustBeResent) && (
            <label className="flex items-center gap-2 text-sm text-stone-700 dark:text-stone-300">
              <Checkbox {...register("remove_api_key")} />
              {backend.api_key_env ? `Remove the key (from ${backend.api_key_env})` : "Remove stored key"}
            </label>
          )}
        </div>
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800 dark:text-stone-200">Prices (optional)</legend>
        <p className="text-xs text-stone-500 dark:text-stone-400">
          In USD, for the cost on the Usage page; they apply to answers from the time they are saved. Leave a
          price empty to leave that part unpriced.
        </p>
        <div className="grid gap-3 sm:grid-cols-3 sm:items-end">
          {priceInputs.map(({ name, label }) => (
            <Field key={name} id={`backend-price-${name}`} label={label} error={errors[name]?.message}>
              {(c) => <Input {...c} type="text" inputMode="decimal" autoComplete="off" {...register(name)} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <div className="flex justify-end gap-2 pt-1">
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
