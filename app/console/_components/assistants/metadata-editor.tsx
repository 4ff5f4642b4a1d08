"use client";
import { Plus, X } from "lucide-react";
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { Button } from "../ui/button";
import { FieldError } from "../ui/field";
import { Input } from "../ui/input";
import {
  MAX_METADATA_PAIRS,
  type AssistantFormOutput,
  type AssistantFormValues,
} from "./assistant-form-schema";

type MetadataEditorProps = {
  control: Control<AssistantFormValues, unknown, AssistantFormOutput>;
  register: UseFormRegister<AssistantFormValues>;
  errors: FieldErrors<AssistantFormValues>["metadata"];
  disabled?: boolean;
};

/** Key/value pairs (up to 16) attached to an assistant, for the operator's own bookkeeping. */
export function MetadataEditor({ control, register, errors, disabled }: MetadataEditorProps) {
  const { fields, append, remove } = useFieldArray({ control, name: "metadata" });
  const full = fields.length >= MAX_METADATA_PAIRS;
  return (
    <div className="space-y-3">
      {fields.length === 0 && <p className="text-sm text-stone-500 dark:text-stone-400">No metadata.</p>}
      {fields.length > 0 && (
        <ul className="space-y-2">
          {fields.map((field, index) => {
            const keyError = errors?.[index]?.key?.message;
            const valueError = errors?.[index]?.value?.message;
            const keyId = `metadata-${index}-key`;
            const valueId = `metadata-${index}-value`;
            return (
              <li key={field.id} className="grid grid-cols-[1fr_2fr_auto] items-start gap-2">
                <div>
                  <label htmlFor={keyId} className="sr-only">
                    Metadata key {index + 1}
                  </label>
                  <Input
                    id={keyId}
                    placeholder="key"
                    className="font-mono"
                    aria-invalid={keyError ? true : undefined}
                    aria-describedby={keyError ? `${keyId}-error` : undefined}
                    {...register(`metadata.${index}.key`)}
                  />
                  {keyError && <FieldError id={`${keyId}-error`}>{keyError}</FieldError>}
                </div>
                <div>
                  <label htmlFor={valueId} className="sr-only">
                    Metadata value {index + 1}
                  </label>
                  <Input
                    id={valueId}
                    placeholder="value"
                    aria-invalid={valueError ? true : undefined}
                    aria-describedby={valueError ? `${valueId}-error` : undefined}
                    {...register(`metadata.${index}.value`)}
                  />
                  {valueError && <FieldError id={`${valueId}-error`}>{valueError}</FieldError>}
                </div>
                <Button
                  variant="ghost"
                  size="icon"
                  onClick={() => remove(index)}
                  disabled={disabled}
                  aria-label={`Remove metadata pair ${index + 1}`}
                >
                  <X aria-hidden className="size-4" />
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex items-center gap-3">
        <Button
          variant="secondary"
          size="sm"
          disabled={full || disabled}
          onClick={() => append({ key: "", value: "" }, { shouldFocus: true })}
        >
          <Plus aria-hidden className="size-3.5" />
          Add pair
        </Button>
        <span className="text-xs text-stone-500 dark:text-stone-400">
          {fields.length} of {MAX_METADATA_PAIRS} pairs
        </span>
      </div>
      {errors?.root?.message && <FieldError>{errors.root.message}</FieldError>}
    </div>
  );
}
