"use client";
import { ArrowDown, ArrowUp, Plus, X } from "lucide-react";
import {
  useFieldArray,
  useWatch,
  type Control,
  type FieldErrors,
  type UseFormRegister,
} from "react-hook-form";
import type { SlaControl } from "@/server/schemas/assistant";
import { describeSlaLadder } from "../chat/sla-format";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Field, FieldError } from "../ui/field";
import { Input, Select } from "../ui/input";
import {
  emptySlaStep,
  MAX_SLA_STEPS,
  slaPresets,
  toSlaStepValues,
  type AssistantFormOutput,
  type AssistantFormValues,
} from "./assistant-form-schema";

type SlaControlEditorProps = {
  control: Control<AssistantFormValues, unknown, AssistantFormOutput>;
  register: UseFormRegister<AssistantFormValues>;
  errors: FieldErrors<AssistantFormValues>["sla"];
  disabled?: boolean;
};

const controls: Record<SlaControl, [label: string, explanation: string]> = {
  off: ["Off", "Answers as configured; the targets only judge load tests and telemetry."],
  degrade: [
    "Degrade",
    "Applies the fewest ladder steps that bring the predicted answer time within the targets; refuses (429) when even the whole ladder is not enough.",
  ],
  shed: [
    "Shed",
    "Refuses (429, with Retry-After) a question whose answer would break the SLA; answers are never changed.",
  ],
};

/** How answers are kept within the SLA: the control mode and the degradation ladder it climbs. */
export function SlaControlEditor({ control, register, errors, disabled }: SlaControlEditorProps) {
  const mode = useWatch({ control, name: "sla.control" });
  return (
    <div className="space-y-5">
      <Field
        id="sla_control"
        label="SLA control"
        hint={controls[mode][1]}
        error={errors?.control?.message}
        className="max-w-md"
      >
        {(c) => (
          <Select {...c} {...register("sla.control")}>
            {Object.entries(controls).map(([value, [label]]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <LadderEditor
        control={control}
        register={register}
        errors={errors?.degradation}
        disabled={disabled}
        mode={mode}
      />
    </div>
  );
}

function LadderEditor({
  control,
  register,
  errors,
  disabled,
  mode,
}: Omit<SlaControlEditorProps, "errors"> & {
  errors: NonNullable<FieldErrors<AssistantFormValues>["sla"]>["degradation"];
  mode: SlaControl;
}) {
  const { fields, append, remove, move, replace } = useFieldArray({ control, name: "sla.degradation" });
  const [model, reasoningEffort, maxOutputTokens] = useWatch({
    control,
    name: ["model", "generation.reasoning_effort", "generation.max_output_tokens"],
  });
  const presets = slaPresets({
    model,
    generation: { reasoning_effort: reasoningEffort, max_output_tokens: maxOutputTokens },
  });
  const full = fields.length >= MAX_SLA_STEPS;

  return (
    <fieldset className="space-y-3" aria-describedby="sla-ladder-hint">
      <legend className="text-sm font-medium text-stone-800 dark:text-stone-200">Degradation ladder</legend>
      <p id="sla-ladder-hint" className="text-xs text-stone-500 dark:text-stone-400">
        Mildest first. Under Degrade, steps 1 to k are applied together for the smallest k that meets the SLA;
        a later step overrides an earlier one. Degraded answers reason less, are shorter (a token cap can cut
        an answer off), or come from a smaller model: they are faster, not as good.
      </p>
      {mode !== "degrade" && fields.length > 0 && (
        <p className="text-sm text-stone-600 dark:text-stone-300">
          The ladder is used only when SLA control is Degrade.
        </p>
      )}
      {mode === "degrade" && fields.length === 0 && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          With no steps, Degrade can only refuse, like Shed: add steps or apply a preset.
        </p>
      )}
      {fields.length > 0 && (
        <ol className="space-y-2">
          {fields.map((field, index) => (
            <li key={field.id}>
              <StepRow
                index={index}
                last={index === fields.length - 1}
                register={register}
                errors={errors?.[index]}
                disabled={disabled}
                onMove={(to) => move(index, to)}
                onRemove={() => remove(index)}
              />
            </li>
          ))}
        </ol>
      )}
      {errors?.root?.message && <FieldError>{errors.root.message}</FieldError>}
      <div className="flex items-center gap-3">
        <Button
          variant="secondary"
          size="sm"
          disabled={full || disabled}
          onClick={() => append(emptySlaStep, { shouldFocus: true })}
        >
          <Plus aria-hidden className="size-3.5" />
          Add step
        </Button>
        <span className="text-xs text-stone-500 dark:text-stone-400">
          {fields.length} of {MAX_SLA_STEPS} steps
        </span>
      </div>
      {presets.length > 0 && (
        <div className="space-y-2">
          <p className="text-sm text-stone-800 dark:text-stone-200">
            Presets for GPT-OSS{" "}
            <span className="text-stone-500 dark:text-stone-400">
              (replace the ladder; milder than the Generation settings above)
            </span>
          </p>
          <ul className="space-y-1.5">
            {presets.map((preset, index) => (
              <li key={preset.label} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={disabled}
                  aria-describedby={`sla-preset-${index}`}
                  onClick={() => replace(preset.steps.map(toSlaStepValues))}
                >
                  {preset.label}
                </Button>
                <span id={`sla-preset-${index}`} className="text-xs text-stone-500 dark:text-stone-400">
                  {describeSlaLadder(preset.steps)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}

function StepRow({
  index,
  last,
  register,
  errors,
  disabled,
  onMove,
  onRemove,
}: {
  index: number;
  last: boolean;
  register: UseFormRegister<AssistantFormValues>;
  errors:
    NonNullable<NonNullable<FieldErrors<AssistantFormValues>["sla"]>["degradation"]>[number] | undefined;
  disabled?: boolean;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const id = `sla-step-${index}`;
  // The step as a whole (no setting overridden) rather than one of its fields.
  const stepError = errors?.message;
  // "Step 2 Model": unique names, so the steps' fields are not confused with the Generation ones.
  const label = (text: string) => (
    <>
      <span className="sr-only">Step {n} </span>
      {text}
    </>
  );
  return (
    <div
      role="group"
      aria-label={`Step ${n}`}
      aria-describedby={stepError ? `${id}-error` : undefined}
      className={cn(
        "flex items-start gap-3 rounded-md border p-3",
        stepError ? "border-red-400 dark:border-red-700" : "border-stone-200 dark:border-stone-700",
      )}
    >
      <span
        aria-hidden
        className="mt-7 flex size-6 shrink-0 items-center justify-center rounded-full bg-stone-100 text-xs font-medium text-stone-700 tabular-nums dark:bg-stone-800 dark:text-stone-300"
      >
        {n}
      </span>
      <div className="min-w-0 flex-1 space-y-2">
        <div className="grid gap-3 sm:grid-cols-3">
          <Field
            id={`${id}-reasoning`}
            label={label("Reasoning effort")}
            error={errors?.reasoning_effort?.message}
          >
            {(c) => (
              <Select {...c} {...register(`sla.degradation.${index}.reasoning_effort`)}>
                <option value="">Unchanged</option>
                <option value="low">Low</option>
                <option value="medium">Medium</option>
                <option value="high">High</option>
              </Select>
            )}
          </Field>
          <Field
            id={`${id}-max-tokens`}
            label={label("Max output tokens")}
            error={errors?.max_output_tokens?.message}
          >
            {(c) => (
              <Input
                {...c}
                type="number"
                step="1"
                min={1}
                inputMode="numeric"
                placeholder="Unchanged"
                {...register(`sla.degradation.${index}.max_output_tokens`)}
              />
            )}
          </Field>
          <Field id={`${id}-model`} label={label("Model")} error={errors?.model?.message}>
            {(c) => (
              <Input
                {...c}
                autoComplete="off"
                spellCheck={false}
                placeholder="Unchanged"
                {...register(`sla.degradation.${index}.model`)}
              />
            )}
          </Field>
        </div>
        {stepError && <FieldError id={`${id}-error`}>{stepError}</FieldError>}
      </div>
      <div className="mt-6 flex shrink-0 gap-0.5">
        <Button
          variant="ghost"
          size="icon"
          onClick={() => onMove(index - 1)}
          disabled={disabled || index === 0}
          aria-label={`Move step ${n} up`}
        >
          <ArrowUp aria-hidden className="size-4" />
        </Button>
        <Button
          variant="ghost"
          size="icon"
          onClick={() => onMove(index + 1)}
          disabled={disabled || last}
          aria-label={`Move step ${n} down`}
        >
          <ArrowDown aria-hidden className="size-4" />
        </Button>
        <Button
          variant="ghost"
          size="icon"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove step ${n}`}
        >
          <X aria-hidden className="size-4" />
        </Button>
      </div>
    </div>
  );
}
