"use client";
// An assistant's embeddable widget: whether it is on, which sites may embed it, its look and its
// rate limits, and the one-line snippet to paste into a site.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import type { WidgetDto, WidgetPosition, WidgetSourcesMode } from "@/server/schemas/widget";
import { canWriteAssistants, useConsoleUser } from "../../_lib/console-user";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { AssistantPage } from "../assistants/assistant-page";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { CopyButton } from "../ui/copy-button";
import { Field } from "../ui/field";
import { Checkbox, Input, Select, Textarea } from "../ui/input";
import { Spinner } from "../ui/spinner";

export function WidgetView({ id }: { id: string }) {
  return (
    <AssistantPage id={id} section="widget" description="A chat button for your website.">
      {(assistant) => <WidgetSettings assistantId={assistant.id} />}
    </AssistantPage>
  );
}

function WidgetSettings({ assistantId }: { assistantId: string }) {
  const trpc = useTRPC();
  const widget = useQuery(trpc.widget.get.queryOptions({ assistantId }));
  if (!widget.data) return <Spinner label="Loading the widget settings…" />;
  return (
    <div className="space-y-6">
      <Card>
        <h2 className="text-base font-semibold">Snippet</h2>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          Paste this line into the pages of an allowed site, before <code>&lt;/body&gt;</code>.
        </p>
        <pre
          data-widget-snippet
          tabIndex={0}
          className="mt-3 overflow-x-auto rounded-md bg-stone-900 p-3 text-xs text-stone-100"
        >
          <code>{widget.data.snippet}</code>
        </pre>
        <div className="mt-2">
          <CopyButton text={widget.data.snippet} label="Copy snippet" />
        </div>
      </Card>
      <WidgetForm assistantId={assistantId} widget={widget.data} key={widget.data.updated_at ?? "new"} />
    </div>
  );
}

function WidgetForm({ assistantId, widget }: { assistantId: string; widget: WidgetDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = canWriteAssistants(useConsoleUser());
  const [enabled, setEnabled] = useState(widget.enabled);
  const [origins, setOrigins] = useState(widget.allowed_origins.join("\n"));
  const [title, setTitle] = useState(widget.title);
  const [greeting, setGreeting] = useState(widget.greeting);
  const [color, setColor] = useState(widget.primary_color);
  const [position, setPosition] = useState<WidgetPosition>(widget.position);
  const [perIp, setPerIp] = useState(String(widget.rate_per_minute_per_ip));
  const [perSession, setPerSession] = useState(String(widget.rate_per_minute_per_session));
  const [perWidget, setPerWidget] = useState(String(widget.rate_per_minute));
  const [sources, setSources] = useState<WidgetSourcesMode>(widget.sources);
  const save = useMutation(trpc.widget.update.mutationOptions());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    try {
      await save.mutateAsync({
        assistantId,
        changes: {
          enabled,
          allowed_origins: origins
            .split(/\s+/)
            .map((origin) => origin.trim())
            .filter(Boolean),
          title,
          greeting,
          primary_color: color,
          position,
          rate_per_minute_per_ip: Number(perIp),
          rate_per_minute_per_session: Number(perSession),
          rate_per_minute: Number(perWidget),
          sources,
        },
      });
      await queryClient.invalidateQueries(trpc.widget.get.queryFilter({ assistantId }));
      toast.success("Widget settings saved");
    } catch {
      // shown below from save.error
    }
  }

  return (
    <Card>
      <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" aria-label="Widget settings">
        <h2 className="text-base font-semibold">Settings</h2>
        {!canWrite && <Alert tone="warning">Your role can read these settings, not change them.</Alert>}
        <fieldset disabled={!canWrite} className="space-y-4">
          <label className="flex items-center gap-2 text-sm font-medium">
            <Checkbox checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
            Enable the widget
          </label>
          <Field
            id="widget-origins"
            label="Allowed origins"
            hint="One per line, scheme, host and port, e.g. https://www.example.com. With none, no site can embed the widget."
          >
            {(control) => (
              <Textarea
                {...control}
                rows={3}
                value={origins}
                onChange={(event) => setOrigins(event.target.value)}
              />
            )}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id="widget-title"
              label="Title"
              hint="Shown on top of the chat; the assistant's name when empty."
            >
              {(control) => (
                <Input {...control} value={title} onChange={(event) => setTitle(event.target.value)} />
              )}
            </Field>
            <Field id="widget-color" label="Colour" hint="#rrggbb">
              {(control) => (
                <div className="flex gap-2">
                  <Input {...control} value={color} onChange={(event) => setColor(event.target.value)} />
                  <input
                    type="color"
                    aria-label="Pick the colour"
                    value={/^#[0-9a-fA-F]{6}$/.test(color) ? color : "#000000"}
                    onChange={(event) => setColor(event.target.value)}
                    className="h-9 w-12 rounded border border-stone-300"
                  />
                </div>
              )}
            </Field>
          </div>
          <Field id="widget-greeting" label="Greeting" hint="The first message people see.">
            {(control) => (
              <Textarea
                {...control}
                rows={2}
                value={greeting}
                onChange={(event) => setGreeting(event.target.value)}
              />
            )}
          </Field>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="widget-position" label="Position">
              {(control) => (
                <Select
                  {...control}
                  value={position}
                  onChange={(event) => setPosition(event.target.value as WidgetPosition)}
                >
                  <option value="bottom-right">Bottom right</option>
                  <option value="bottom-left">Bottom left</option>
                </Select>
              )}
            </Field>
            <Field id="widget-rate-ip" label="Messages per minute per IP">
              {(control) => (
                <Input
                  {...control}
                  type="number"
                  min={1}
                  value={perIp}
                  onChange={(event) => setPerIp(event.target.value)}
                />
              )}
            </Field>
            <Field id="widget-rate-session" label="Messages per minute per conversation">
              {(control) => (
                <Input
                  {...control}
                  type="number"
                  min={1}
                  value={perSession}
                  onChange={(event) => setPerSession(event.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              id="widget-rate-all"
              label="Messages per minute, all visitors"
              hint="A ceiling for the whole widget, so one visitor cannot spend the GPU."
            >
              {(control) => (
                <Input
                  {...control}
                  type="number"
                  min={1}
                  value={perWidget}
                  onChange={(event) => setPerWidget(event.target.value)}
                />
              )}
            </Field>
            <Field
              id="widget-sources"
              label="Sources shown to visitors"
              hint="File titles and passages an answer used. Relevance scores are never shown."
            >
              {(control) => (
                <Select
                  {...control}
                  value={sources}
                  onChange={(event) => setSources(event.target.value as WidgetSourcesMode)}
                >
                  <option value="off">None</option>
                  <option value="titles">Titles</option>
                  <option value="passages">Titles and passages</option>
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
  );
}
