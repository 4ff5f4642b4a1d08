import type { UseFormRegisterReturn } from "react-hook-form";

/** A fieldset of radio choices drawn as cards, each with a label and a line of description. */
export function RadioCards({
  legend,
  options,
  registration,
}: {
  legend: string;
  options: readonly (readonly [value: string, label: string, description: string])[];
  registration: UseFormRegisterReturn;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-stone-800 dark:text-stone-200">{legend}</legend>
      {options.map(([value, label, description]) => (
        <label
          key={value}
          className="flex cursor-pointer gap-3 rounded-md border border-stone-200 p-3 has-checked:border-brand-500 has-checked:bg-brand-50/50 dark:border-stone-700"
        >
          <input
            type="radio"
            value={value}
            className="mt-0.5 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            {...registration}
          />
          <span>
            <span className="block text-sm font-medium text-stone-900 dark:text-stone-100">{label}</span>
            <span className="block text-sm text-stone-500 dark:text-stone-400">{description}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
