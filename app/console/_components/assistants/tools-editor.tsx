"use client";
import { Globe, Plus, Server, X } from "lucide-react";
import type { ReactNode } from "react";
import {
  useFieldArray,
  useWatch,
  type Control,
  type FieldErrors,
  type UseFormRegister,
} from "react-hook-form";
import { Button } from "../ui/button";
import { Field, FieldError } from "../ui/field";
import { Input, Select, Textarea } from "../ui/input";
import type { AssistantFormOutput, AssistantFormValues } from "./assistant-form-schema";
import { HeaderRows, SecretHeaders } from "./header-rows-editor";
import { OpenApiImport } from "./openapi-import";
import { MAX_TOOLS, newTool } from "./tool-form-schema";

type FormControl = Control<AssistantFormValues, unknown, AssistantFormOutput>;
type ToolErrors = NonNullable<NonNullable<FieldErrors<AssistantFormValues>["tools"]>[number]>;

type ToolsEditorProps = {
  control: FormControl;
  register: UseFormRegister<AssistantFormValues>;
  errors: FieldErrors<AssistantFormValues>["tools"];
  disabled?: boolean;
};

const kinds = { http: "HTTP tool", mcp: "MCP server" } as const;

/** The assistant's tools: HTTP operations and MCP servers, added, edited and removed in place. */
export function ToolsEditor({ control, register, errors, disabled }: ToolsEditorProps) {
  const { fields, append, remove } = useFieldArray({ control, name: "tools" });
  const full = fields.length >= MAX_TOOLS;
  return (
    <div className="space-y-3">
      {fields.length === 0 && (
        <p className="text-sm text-stone-500 dark:text-stone-400">
          No tools: the model answers from its instructions and knowledge alone.
        </p>
      )}
      {fields.length > 0 && (
        <ol className="space-y-3">
          {fields.map((field, index) => (
            <li key={field.id}>
              <ToolCard
                index={index}
                type={field.type}
                control={control}
                register={register}
                errors={errors?.[index]}
                disabled={disabled}
                onRemove={() => remove(index)}
              />
            </li>
          ))}
        </ol>
      )}
      {errors?.root?.message && <FieldError>{errors.root.message}</FieldError>}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          size="sm"
          disabled={full || disabled}
          onClick={() =>
            append(newTool("http"), { shouldFocus: true, focusName: `tools.${fields.length}.name` })
          }
        >
          <Plus aria-hidden className="size-3.5" />
          Add HTTP tool
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={full || disabled}
          onClick={() =>
            append(newTool("mcp"), { shouldFocus: true, focusName: `tools.${fields.length}.name` })
          }
        >
          <Plus aria-hidden className="size-3.5" />
          Add MCP server
        </Button>
        <OpenApiImport
          control={control}
          disabled={full || disabled}
          onAdd={(tools) => append(tools, { shouldFocus: false })}
        />
        <span className="text-xs text-stone-500 dark:text-stone-400">
          {fields.length} of {MAX_TOOLS} tools
        </span>
      </div>
    </div>
  );
}

type ToolCardProps = Omit<ToolsEditorProps, "errors"> & {
  index: number;
  type: "http" | "mcp";
  errors: ToolErrors | undefined;
  onRemove: () => void;
};

function ToolCard({ index, type, control, register, errors, disabled, onRemove }: ToolCardProps) {
  const n = index + 1;
  const name = useWatch({ control, name: `tools.${index}.name` });
  const Icon = type === "http" ? Globe : Server;
  const group = `${kinds[type]} ${n}`;
  return (
    <div
      role="group"
      aria-label={group}
      className="space-y-4 rounded-md border border-stone-200 p-4 dark:border-stone-700"
    >
      <div className="flex items-center justify-between gap-3">
        <p className="flex min-w-0 items-center gap-2 text-sm font-medium text-stone-800 dark:text-stone-200">
          <Icon aria-hidden className="size-4 shrink-0 text-stone-500 dark:text-stone-400" />
          <span className="truncate">
            {kinds[type]}
            {name.trim() && (
              <>
                : <code className="font-mono">{name.trim()}</code>
              </>
            )}
          </span>
        </p>
        <Button
          variant="ghost"
          size="sm"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove ${group}`}
        >
          <X aria-hidden className="size-4" />
          Remove
        </Button>
      </div>
      {type === "http" ? (
        <HttpFields index={index} register={register} errors={errors} />
      ) : (
        <McpFields index={index} register={register} errors={errors} />
      )}
      <div className="space-y-2">
        <p className="text-sm font-medium text-stone-800 dark:text-stone-200">Headers</p>
        <p className="text-xs text-stone-500 dark:text-stone-400">
          Sent with every call and shown to admins. Put API keys in the secret headers.
        </p>
        <HeaderRows
          control={control}
          register={register}
          name={`tools.${index}.headers`}
          errors={errors?.headers}
          rowLabel={`Tool ${n} header`}
          disabled={disabled}
        />
      </div>
      <SecretHeaders
        control={control}
        register={register}
        index={index}
        errors={errors?.secret_headers}
        disabled={disabled}
      />
    </div>
  );
}

type FieldsProps = {
  index: number;
  register: UseFormRegister<AssistantFormValues>;
  errors: ToolErrors | undefined;
};

/** "Tool 2 Name": each tool's fields named apart from the assistant's own and other tools'. */
function label(index: number, text: string): ReactNode {
  return (
    <>
      <span className="sr-only">Tool {index + 1} </span>
      {text}
    </>
  );
}

function HttpFields({ index, register, errors }: FieldsProps) {
  const id = `tools-${index}`;
  return (
    <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
      <Field
        id={`${id}-name`}
        label={label(index, "Function name")}
        required
        hint="What the model calls: letters, digits, '_' and '-'."
        error={errors?.name?.message}
      >
        {(c) => (
          <Input
            {...c}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            {...register(`tools.${index}.name`)}
          />
        )}
      </Field>
      <Field id={`${id}-method`} label={label(index, "Method")} error={errors?.method?.message}>
        {(c) => (
          <Select {...c} {...register(`tools.${index}.method`)}>
            {["GET", "POST", "PUT", "PATCH", "DELETE"].map((method) => (
              <option key={method}>{method}</option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id={`${id}-url`}
        label={label(index, "URL")}
        required
        hint="{name} placeholders in the path take the arguments of that name; the others go in the query (GET, DELETE) or the JSON body. The host must be allowed by the backend host allowlist."
        error={errors?.url?.message}
        className="sm:col-span-2"
      >
        {(c) => (
          <Input
            {...c}
            type="url"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://api.example.com/weather/{city}"
            {...register(`tools.${index}.url`)}
          />
        )}
      </Field>
      <Field
        id={`${id}-description`}
        label={label(index, "Description")}
        hint="What the tool does and when to use it, for the model."
        error={errors?.description?.message}
        className="sm:col-span-2"
      >
        {(c) => <Textarea {...c} rows={2} {...register(`tools.${index}.description`)} />}
      </Field>
      <Field
        id={`${id}-parameters`}
        label={label(index, "Parameters (JSON Schema)")}
        hint="A JSON object describing the arguments, as OpenAI's function parameters."
        error={errors?.parameters?.message}
        className="sm:col-span-2"
      >
        {(c) => (
          <Textarea
            {...c}
            rows={6}
            className="font-mono text-xs"
            spellCheck={false}
            {...register(`tools.${index}.parameters`)}
          />
        )}
      </Field>
      <TimeoutField index={index} register={register} errors={errors} />
      <Field
        id={`${id}-max-response`}
        label={label(index, "Max response (bytes)")}
        hint="A longer response is cut, and the model told so."
        error={errors?.max_response_bytes?.message}
      >
        {(c) => (
          <Input
            {...c}
            type="number"
            step="1"
            min={256}
            inputMode="numeric"
            {...register(`tools.${index}.max_response_bytes`)}
          />
        )}
      </Field>
    </div>
  );
}

function McpFields({ index, register, errors }: FieldsProps) {
  const id = `tools-${index}`;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id={`${id}-name`}
        label={label(index, "Server label")}
        required
        hint="Its tools are offered to the model as label__tool."
        error={errors?.name?.message}
      >
        {(c) => (
          <Input
            {...c}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            {...register(`tools.${index}.name`)}
          />
        )}
      </Field>
      <TimeoutField index={index} register={register} errors={errors} />
      <Field
        id={`${id}-url`}
        label={label(index, "URL")}
        required
        hint="The server's streamable HTTP endpoint; its host must be allowed by the backend host allowlist."
        error={errors?.url?.message}
        className="sm:col-span-2"
      >
        {(c) => (
          <Input
            {...c}
            type="url"
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://mcp.example.com/mcp"
            {...register(`tools.${index}.url`)}
          />
        )}
      </Field>
      <Field
        id={`${id}-allowed`}
        label={label(index, "Allowed tools")}
        hint="One per line or comma-separated. Empty: all the server's tools."
        error={errors?.allowed_tools?.message}
        className="sm:col-span-2"
      >
        {(c) => (
          <Textarea
            {...c}
            rows={3}
            className="font-mono"
            spellCheck={false}
            placeholder="All"
            {...register(`tools.${index}.allowed_tools`)}
          />
        )}
      </Field>
    </div>
  );
}

function TimeoutField({ index, register, errors }: FieldsProps) {
  return (
    <Field
      id={`tools-${index}-timeout`}
      label={label(index, "Timeout (s)")}
      hint="0.1 to 120; a call that takes longer fails."
      error={errors?.timeout_s?.message}
    >
      {(c) => (
        <Input
          {...c}
          type="number"
          step="0.1"
          min={0.1}
          max={120}
          inputMode="decimal"
          {...register(`tools.${index}.timeout_s`)}
        />
      )}
    </Field>
  );
}

/** The bounds of the tool loop, per question: model steps, time and completion tokens. */
export function ToolLimitsFields({
  register,
  errors,
}: {
  register: UseFormRegister<AssistantFormValues>;
  errors: FieldErrors<AssistantFormValues>["tool_limits"];
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-stone-800 dark:text-stone-200">Limits per question</legend>
      <p className="text-xs text-stone-500 dark:text-stone-400">
        Once one is reached, the model answers without calling more tools.
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id="tool-max-steps"
          label="Model steps"
          required
          hint="1 to 16, the final answer included."
          error={errors?.max_steps?.message}
        >
          {(c) => (
            <Input
              {...c}
              type="number"
              step="1"
              min={1}
              max={16}
              inputMode="numeric"
              {...register("tool_limits.max_steps")}
            />
          )}
        </Field>
        <Field id="tool-max-time" label="Time (s)" required hint="1 to 600." error={errors?.max_s?.message}>
          {(c) => (
            <Input
              {...c}
              type="number"
              step="1"
              min={1}
              max={600}
              inputMode="decimal"
              {...register("tool_limits.max_s")}
            />
          )}
        </Field>
        <Field
          id="tool-max-tokens"
          label="Completion tokens"
          hint="Over all steps. Optional."
          error={errors?.max_tokens?.message}
        >
          {(c) => (
            <Input
              {...c}
              type="number"
              step="1"
              min={1}
              inputMode="numeric"
              {...register("tool_limits.max_tokens")}
            />
          )}
        </Field>
      </div>
    </fieldset>
  );
}
