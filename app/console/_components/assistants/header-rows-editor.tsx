"use client";
import { Plus, X } from "lucide-react";
import {
  useController,
  useFieldArray,
  useWatch,
  type Control,
  type FieldErrors,
  type UseFormRegister,
} from "react-hook-form";
import { Button } from "../ui/button";
import { FieldError } from "../ui/field";
import { Input } from "../ui/input";
import type { AssistantFormOutput, AssistantFormValues } from "./assistant-form-schema";
import { MAX_HEADERS } from "./tool-form-schema";

type FormControl = Control<AssistantFormValues, unknown, AssistantFormOutput>;
type ToolErrors = NonNullable<NonNullable<FieldErrors<AssistantFormValues>["tools"]>[number]>;
type RowsErrors = ToolErrors["headers"];
type RowsName = `tools.${number}.headers` | `tools.${number}.secret_headers.rows`;

type HeaderRowsProps = {
  control: FormControl;
  register: UseFormRegister<AssistantFormValues>;
  name: RowsName;
  errors: RowsErrors;
  /** "Tool 2 header": names each row's fields apart from every other tool's. */
  rowLabel: string;
  /** Secret values: typed as passwords, never shown. */
  secret?: boolean;
  disabled?: boolean;
};

/** Name/value rows of a tool's headers (or of its new secret headers), up to 16. */
export function HeaderRows({ control, register, name, errors, rowLabel, secret, disabled }: HeaderRowsProps) {
  const { fields, append, remove } = useFieldArray({ control, name });
  const idPrefix = name.replaceAll(".", "-");
  return (
    <div className="space-y-2">
      {fields.length > 0 && (
        <ul className="space-y-2">
          {fields.map((field, index) => {
            const keyId = `${idPrefix}-${index}-key`;
            const valueId = `${idPrefix}-${index}-value`;
            const keyError = errors?.[index]?.key?.message;
            const valueError = errors?.[index]?.value?.message;
            return (
              <li key={field.id} className="grid grid-cols-[1fr_2fr_auto] items-start gap-2">
                <div>
                  <label htmlFor={keyId} className="sr-only">
                    {rowLabel} {index + 1} name
                  </label>
                  <Input
                    id={keyId}
                    placeholder="Header"
                    className="font-mono"
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={keyError ? true : undefined}
                    aria-describedby={keyError ? `${keyId}-error` : undefined}
                    {...register(`${name}.${index}.key`)}
                  />
                  {keyError && <FieldError id={`${keyId}-error`}>{keyError}</FieldError>}
                </div>
                <div>
                  <label htmlFor={valueId} className="sr-only">
                    {rowLabel} {index + 1} value
                  </label>
                  <Input
                    id={valueId}
                    placeholder={secret ? "New value" : "Value"}
                    type={secret ? "password" : "text"}
                    autoComplete={secret ? "new-password" : "off"}
                    spellCheck={false}
                    aria-invalid={valueError ? true : undefined}
                    aria-describedby={valueError ? `${valueId}-error` : undefined}
                    {...register(`${name}.${index}.value`)}
                  />
                  {valueError && <FieldError id={`${valueId}-error`}>{valueError}</FieldError>}
                </div>
                <Button
                  variant="ghost"
                  size="icon"
                  onClick={() => remove(index)}
                  disabled={disabled}
                  aria-label={`Remove ${rowLabel.toLowerCase()} ${index + 1}`}
                >
                  <X aria-hidden className="size-4" />
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {errors?.root?.message && <FieldError>{errors.root.message}</FieldError>}
      <Button
        variant="secondary"
        size="sm"
        disabled={disabled || fields.length >= MAX_HEADERS}
        onClick={() => append({ key: "", value: "" }, { shouldFocus: true })}
      >
        <Plus aria-hidden className="size-3.5" />
        {secret ? "Add secret header" : "Add header"}
      </Button>
    </div>
  );
}

type SecretHeadersProps = Omit<HeaderRowsProps, "name" | "errors" | "rowLabel" | "secret"> & {
  index: number;
  errors: ToolErrors["secret_headers"];
};

/**
 * A tool's secret headers, write-only: the names already set, never their values, with a choice to
 * replace them all or remove them; left alone, the server keeps them.
 */
export function SecretHeaders({ control, register, index, errors, disabled }: SecretHeadersProps) {
  const n = index + 1;
  const stored = useWatch({ control, name: `tools.${index}.secret_headers.stored` });
  const { field: mode } = useController({ control, name: `tools.${index}.secret_headers.mode` });
  const rows = useFieldArray({ control, name: `tools.${index}.secret_headers.rows` });
  const hintId = `tools-${index}-secret-hint`;
  const errorId = `tools-${index}-secret-error`;
  const replace = (names: string[]) => {
    mode.onChange("replace");
    rows.replace(names.map((key) => ({ key, value: "" })));
  };
  const keep = () => {
    mode.onChange("keep");
    rows.replace([]);
  };
  const names = stored.map((name) => (
    <code key={name} className="font-mono text-stone-800 dark:text-stone-200">
      {name}
    </code>
  ));
  const list = names.flatMap((name, at) => (at === 0 ? [name] : [", ", name]));

  return (
    <div
      role="group"
      aria-label={`Tool ${n} secret headers`}
      aria-describedby={[errors?.message ? errorId : "", hintId].filter(Boolean).join(" ")}
      className="space-y-2"
    >
      <p className="text-sm font-medium text-stone-800 dark:text-stone-200">Secret headers</p>
      <p id={hintId} className="text-xs text-stone-500 dark:text-stone-400">
        For API keys: stored encrypted and never shown again.
        {mode.value === "replace" && stored.length > 0 && " These replace all the stored ones when you save."}
      </p>
      {mode.value === "keep" && (
        <div className="flex flex-wrap items-center gap-2 text-sm text-stone-600 dark:text-stone-400">
          {stored.length === 0 ? (
            <>
              <span>None.</span>
              <Button variant="secondary" size="sm" disabled={disabled} onClick={() => replace([""])}>
                <Plus aria-hidden className="size-3.5" />
                Add secret header
              </Button>
            </>
          ) : (
            <>
              <span>Set: {list} (values hidden).</span>
              <Button variant="secondary" size="sm" disabled={disabled} onClick={() => replace(stored)}>
                Replace
              </Button>
              <Button
                variant="danger-secondary"
                size="sm"
                disabled={disabled}
                onClick={() => mode.onChange("remove")}
              >
                Remove
              </Button>
            </>
          )}
        </div>
      )}
      {mode.value === "remove" && (
        <div className="flex flex-wrap items-center gap-2 text-sm text-stone-600 dark:text-stone-400">
          <span>{list} will be removed when you save.</span>
          <Button variant="secondary" size="sm" disabled={disabled} onClick={keep}>
            Keep them
          </Button>
        </div>
      )}
      {mode.value === "replace" && (
        <>
          <HeaderRows
            control={control}
            register={register}
            name={`tools.${index}.secret_headers.rows`}
            errors={errors?.rows}
            rowLabel={`Tool ${n} secret header`}
            secret
            disabled={disabled}
          />
          {stored.length > 0 && (
            <Button variant="ghost" size="sm" disabled={disabled} onClick={keep}>
              Keep the stored ones
            </Button>
          )}
        </>
      )}
      {errors?.message && <FieldError id={errorId}>{errors.message}</FieldError>}
    </div>
  );
}
