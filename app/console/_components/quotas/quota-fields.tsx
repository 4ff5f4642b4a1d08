"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import type { QuotaName } from "@/server/schemas/quotas";
import { Field } from "../ui/field";
import { Input } from "../ui/input";
import { quotaLabels } from "./quota-format";
import { QUOTA_NAMES } from "./quota-form-schema";

type QuotaFieldsProps = {
  /** Makes the inputs' ids unique on the page, e.g. "key-quotas". */
  idPrefix: string;
  /** The form's registration of one limit, e.g. `(name) => register(\`quotas.${name}\`)`. */
  register: (name: QuotaName) => UseFormRegisterReturn;
  errors?: Partial<Record<QuotaName, { message?: string }>>;
  className?: string;
};

/** The five limits of a Quotas object; an empty one is no limit. */
export function QuotaFields({ idPrefix, register, errors, className }: QuotaFieldsProps) {
  return (
    <div className={className ?? "grid gap-4 sm:grid-cols-2"}>
      {QUOTA_NAMES.map((name) => {
        const cost = name === "cost_per_month";
        return (
          <Field
            key={name}
            id={`${idPrefix}-${name.replaceAll("_", "-")}`}
            label={quotaLabels[name].label}
            hint={quotaLabels[name].hint}
            error={errors?.[name]?.message}
          >
            {(c) => (
              <Input
                {...c}
                type="number"
                step={cost ? "0.01" : "1"}
                min={cost ? 0 : 1}
                inputMode={cost ? "decimal" : "numeric"}
                placeholder="No limit"
                {...register(name)}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}
