"use client";
// An assistant's embeddable widget: whether it is on (a warning while it is not), which sites may
// embed it and which were refused, its look and language with a live preview, its rate limits, and
// the one-line snippet to paste into a site.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { type UseFormReset, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import type { WidgetDto } from "@/server/schemas/widget";
import { WIDGET_LANGUAGES, widgetLanguageNames } from "@/server/schemas/widget-messages";
import { canWriteAssistants, useConsoleUser } from "../../_lib/console-user";
import { errorMessage } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { AssistantPage } from "../assistants/assistant-page";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { CopyButton } from "../ui/copy-button";
import { Field } from "../ui/field";
import { Checkbox, Input, Select, Textarea } from "../ui/input";
import { QueryState } from "../ui/query-state";
import { RefusedOrigins } from "./refused-origins";
import {
  pickerColour,
  toFormValues,
  widgetFormSchema,
  type WidgetFormOutput,
  type WidgetFormValues,
  unsavedEdits,
} from "./widget-form-schema";
import { WidgetPreviewFrame } from "./widget-preview-frame";

export function WidgetView({ id }: { id: string }) {
  return (
    <AssistantPage id={id} section="widget" description="A chat button for your website.">
      {(assistant) => <WidgetSettings assistantId={assistant.id} assistantEnabled={assistant.enabled} />}
    </AssistantPage>
  );
}

function WidgetSettings({
  assistantId,
  assistantEnabled,
}: {
  assistantId: string;
  assistantEnabled: boolean;
}) {
  const trpc = useTRPC();
  const widget = useQuery(trpc.widget.get.queryOptions({ assistantId }));
  return (
    <QueryState query={widget} loading="Loading the widget settings…" framed>
      {(data) => <WidgetPanels assistantId={assistantId} widget={data} assistantEnabled={assistantEnabled} />}
    </QueryState>
  );
}

/** Why no site shows the chat right now, whatever its origins: said first, before anything else. */
function OffWarning({ widget, assistantEnabled }: { widget: WidgetDto; assistantEnabled: boolean }) {
  if (!widget.enabled) {
    return (
      <Alert tone="warning" title="The widget is disabled">
        No site shows the chat, even an allowed one: pages with the snippet draw nothing and tell their
        developer so in the browser&apos;s console. Tick &ldquo;Enable the widget&rdquo; below and save.
      </Alert>
    );
  }
  if (!assistantEnabled) {
    return (
      <Alert tone="warning" title="The assistant is disabled">
        The widget is on, but no site shows the chat while its assistant is disabled.
      </Alert>
    );
  }
  if (widget.allowed_origins.length === 0) {
    return (
      <Alert tone="warning" title="No site is allowed">
        The widget is on, but with no allowed origin no site shows it. Add your site&apos;s origin below.
      </Alert>
    );
  }
  return null;
}

function WidgetPanels({
  assistantId,
  widget,
  assistantEnabled,
}: {
  assistantId: string;
  widget: WidgetDto;
  assistantEnabled: boolean;
}) {
  const canWrite = canWriteAssistants(useConsoleUser());
  return (
    <div className="space-y-6">
      <OffWarning widget={widget} assistantEnabled={assistantEnabled} />
      <RefusedOrigins assistantId={assistantId} canWrite={canWrite} />
      <Card className="p-5 sm:p-6">
        <h2 className="text-base font-semibold">Snippet</h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Paste this line into the pages of an allowed site, before <code>&lt;/body&gt;</code>.
        </p>
        <pre
          data-widget-snippet
          tabIndex={0}
          className="mt-3 overflow-x-auto rounded-md bg-stone-900 p-3 text-xs text-stone-100"
        >
          <code>{widget.snippet}</code>
        </pre>
        <div className="mt-2">
          <CopyButton text={widget.snippet} label="Copy snippet" />
        </div>
      </Card>
      <WidgetForm assistantId={assistantId} widget={widget} />
    </div>
  );
}

/**
 * Allow on a refused origin saves the widget at once, while the form may hold edits not yet saved:
 * the newly saved settings become the form's baseline and the edits stay on top of it, so Allow
 * loses no work and a later Save keeps the origin it allowed. (After the form's own Save, the
 * values it holds are the saved ones: nothing is left to keep.)
 */
function useFollowSavedWidget(
  widget: WidgetDto,
  getValues: () => WidgetFormValues,
  reset: UseFormReset<WidgetFormValues>,
) {
  const baselineRef = useRef(widget);
  useEffect(() => {
    const before = baselineRef.current;
    if (before === widget) return;
    baselineRef.current = widget;
    const saved = toFormValues(widget);
    const edits = unsavedEdits(getValues(), before, widget);
    reset(saved);
    if (Object.keys(edits).length > 0) reset({ ...saved, ...edits }, { keepDefaultValues: true });
  }, [widget, getValues, reset]);
}

function WidgetForm({ assistantId, widget }: { assistantId: string; widget: WidgetDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = canWriteAssistants(useConsoleUser());
  const save = useMutation(trpc.widget.update.mutationOptions());
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setValue,
    reset,
    formState: { errors, isDirty },
  } = useForm<WidgetFormValues, unknown, WidgetFormOutput>({
    resolver: zodResolver(widgetFormSchema, { error: formErrorMap }),
    defaultValues: toFormValues(widget),
  });
  useUnsavedChanges(isDirty);
  useFollowSavedWidget(widget, getValues, reset);
  const color = useWatch({ control, name: "primary_color" });
  const [title, greeting, language, position] = useWatch({
    control,
    name: ["title", "greeting", "language", "position"],
  });
  const look = useMemo(
    () => ({ title, greeting, primary_color: color, language }),
    [title, greeting, color, language],
  );

  const submit = handleSubmit(async (changes) => {
    try {
      const saved = await save.mutateAsync({ assistantId, changes });
      reset(toFormValues(saved));
      await queryClient.invalidateQueries(trpc.widget.get.queryFilter({ assistantId }));
      toast.success("Widget settings saved");
    } catch {
      // shown below from save.error
    }
  });

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_380px]">
      <Card className="p-5 sm:p-6">
        <form
          onSubmit={(event) => void submit(event)}
          noValidate
          className="space-y-4"
          aria-label="Widget settings"
        >
          <h2 className="text-base font-semibold">Settings</h2>
          {!canWrite && <Alert tone="warning">Your role can read these settings, not change them.</Alert>}
          <fieldset disabled={!canWrite} className="space-y-4">
            <label className="flex items-center gap-2 text-sm font-medium">
              <Checkbox {...register("enabled")} />
              Enable the widget
            </label>
            <Field
              id="widget-origins"
              label="Allowed origins"
              hint="One per line, scheme, host and port, e.g. https://www.example.com. With none, no site can embed the widget."
              error={errors.allowed_origins?.message}
            >
              {(control) => <Textarea {...control} rows={3} {...register("allowed_origins")} />}
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                id="widget-title"
                label="Title"
                hint="Shown on top of the chat; the assistant's name when empty."
                error={errors.title?.message}
              >
                {(control) => <Input {...control} {...register("title")} />}
              </Field>
              <Field id="widget-color" label="Colour" hint="#rrggbb" error={errors.primary_color?.message}>
                {(control) => (
                  <div className="flex gap-2">
                    <Input {...control} {...register("primary_color")} />
                    <input
                      type="color"
                      aria-label="Pick the colour"
                      value={pickerColour(color)}
                      onChange={(event) =>
                        setValue("primary_color", event.target.value, {
                          shouldDirty: true,
                          shouldValidate: true,
                        })
                      }
                      className="h-9 w-12 rounded border border-stone-300"
                    />
                  </div>
                )}
              </Field>
            </div>
            <Field
              id="widget-language"
              label="Language"
              hint="Of everything visitors read in the widget: its buttons, labels and messages. Your title and greeting are shown as you write them."
            >
              {(control) => (
                <Select {...control} {...register("language")}>
                  {WIDGET_LANGUAGES.map((code) => (
                    <option key={code} value={code}>
                      {widgetLanguageNames[code]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              id="widget-greeting"
              label="Greeting"
              hint="The first message people see."
              error={errors.greeting?.message}
            >
              {(control) => <Textarea {...control} rows={2} {...register("greeting")} />}
            </Field>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field id="widget-position" label="Position">
                {(control) => (
                  <Select {...control} {...register("position")}>
                    <option value="bottom-right">Bottom right</option>
                    <option value="bottom-left">Bottom left</option>
                  </Select>
                )}
              </Field>
              <Field
                id="widget-rate-ip"
                label="Messages per minute per IP"
                error={errors.rate_per_minute_per_ip?.message}
              >
                {(control) => (
                  <Input {...control} type="number" min={1} {...register("rate_per_minute_per_ip")} />
                )}
              </Field>
              <Field
                id="widget-rate-session"
                label="Messages per minute per conversation"
                error={errors.rate_per_minute_per_session?.message}
              >
                {(control) => (
                  <Input {...control} type="number" min={1} {...register("rate_per_minute_per_session")} />
                )}
              </Field>
            </div>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              <Field
                id="widget-rate-all"
                label="Messages per minute, all visitors"
                hint="A ceiling for the whole widget, so one visitor cannot spend the GPU."
                error={errors.rate_per_minute?.message}
              >
                {(control) => <Input {...control} type="number" min={1} {...register("rate_per_minute")} />}
              </Field>
              <Field
                id="widget-sources"
                label="Sources shown to visitors"
                hint="File titles and passages an answer used. Relevance scores are never shown."
              >
                {(control) => (
                  <Select {...control} {...register("sources")}>
                    <option value="off">None</option>
                    <option value="titles">Titles</option>
                    <option value="passages">Titles and passages</option>
                  </Select>
                )}
              </Field>
              <Field
                id="widget-tool-activity"
                label="Tool activity shown to visitors"
                hint="A line per tool the assistant calls while it answers; a summary says what the call gave (the address and status of an HTTP tool). Arguments and results are never shown."
              >
                {(control) => (
                  <Select {...control} {...register("tool_activity")}>
                    <option value="off">None</option>
                    <option value="titles">Tool names</option>
                    <option value="summaries">Tool names and summaries</option>
                  </Select>
                )}
              </Field>
            </div>
          </fieldset>
          {save.error && <Alert>{errorMessage(save.error)}</Alert>}
          {canWrite && (
            <Button type="submit" pending={save.isPending}>
              Save widget settings
            </Button>
          )}
        </form>
      </Card>
      <Card className="self-start p-5 sm:p-6 xl:sticky xl:top-6">
        <section aria-labelledby="widget-preview-heading">
          <h2 id="widget-preview-heading" className="text-base font-semibold">
            Preview
          </h2>
          <p className="mt-1 mb-3 text-sm text-stone-500 dark:text-stone-400">
            {isDirty
              ? "With your unsaved changes; visitors see them once you save."
              : "As visitors see it; edits show here before you save."}
          </p>
          <WidgetPreviewFrame assistantId={assistantId} look={look} position={position} />
        </section>
      </Card>
    </div>
  );
}
