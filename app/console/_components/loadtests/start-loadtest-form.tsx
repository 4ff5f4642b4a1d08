"use client";
// The form that starts a load test (admins): the assistant, the endpoint, the user levels, how
// long each level runs, ramp-up and think time, the prompt set (built in, pasted or loaded from a
// file, or sampled from the assistant's sessions), and the SLA (blank: the assistant's targets).
// The server validates the scenario; its messages are shown next to the fields they name.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import type { StartLoadTestRequest } from "@/server/schemas/loadtest";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { Card, CardSection } from "../ui/card";
import { Field } from "../ui/field";
import { Input, Select, Textarea } from "../ui/input";

type PromptSource = "builtin" | "custom" | "sessions";

const blankToUndefined = (text: string, scale = 1) => (text.trim() === "" ? undefined : Number(text) * scale);

/** Prompts from an uploaded file: a JSON array of strings, else one per line (CSV: first column). */
export function promptsFromFile(name: string, text: string): string[] {
  if (name.toLowerCase().endsWith(".json")) {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) throw new Error("The JSON file must hold an array of strings");
    return parsed.filter((item): item is string => typeof item === "string");
  }
  const lines = text.split(/\r?\n/);
  const firstColumn = name.toLowerCase().endsWith(".csv")
    ? lines.map((line) => line.split(",")[0]!.replace(/^"(.*)"$/, "$1"))
    : lines;
  return firstColumn.map((line) => line.trim()).filter(Boolean);
}

export function StartLoadTestForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const assistants = useQuery(trpc.assistants.list.queryOptions({ limit: 100, enabled: true }));
  const [assistantId, setAssistantId] = useState("");
  const [label, setLabel] = useState("");
  const [endpoint, setEndpoint] = useState<"ask" | "stream">("stream");
  const [levels, setLevels] = useState("5, 10, 15, 25");
  const [mode, setMode] = useState<"duration" | "requests">("duration");
  const [amount, setAmount] = useState("300");
  const [rampUp, setRampUp] = useState("0");
  const [think, setThink] = useState("0");
  const [source, setSource] = useState<PromptSource>("builtin");
  const [prompts, setPrompts] = useState("");
  const [sessionLimit, setSessionLimit] = useState("100");
  const [slaAvg, setSlaAvg] = useState("");
  const [slaP95, setSlaP95] = useState("");
  const [slaTtft, setSlaTtft] = useState("");
  const [slaErrors, setSlaErrors] = useState("");

  const start = useMutation(
    trpc.loadTests.start.mutationOptions({
      onSuccess: async (run) => {
        toast.success(`Load test ${run.id} started`);
        await queryClient.invalidateQueries({ queryKey: trpc.loadTests.pathKey() });
        router.push(`/console/loadtests/${run.id}`);
      },
    }),
  );
  const issues = fieldIssues(start.error);
  const issueFor = (...paths: string[]) =>
    issues.find((issue) => paths.some((path) => issue.path === path || issue.path.startsWith(`${path}.`)))
      ?.message;
  const chosen = assistantId || assistants.data?.data[0]?.id || "";

  function submit(event: FormEvent) {
    event.preventDefault();
    const scenario: StartLoadTestRequest = {
      assistant_id: chosen,
      label,
      endpoint,
      user_levels: levels
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number),
      ...(mode === "duration" ? { duration_seconds: Number(amount) } : { requests_per_user: Number(amount) }),
      ramp_up_seconds: Number(rampUp || 0),
      think_time_ms: Number(think || 0),
      prompts:
        source === "custom"
          ? {
              source,
              items: prompts
                .split(/\r?\n/)
                .map((line) => line.trim())
                .filter(Boolean),
            }
          : source === "sessions"
            ? { source, limit: Number(sessionLimit) }
            : { source },
      sla: {
        avg_ms: blankToUndefined(slaAvg, 1000),
        p95_ms: blankToUndefined(slaP95, 1000),
        ttft_ms: blankToUndefined(slaTtft),
        error_rate: blankToUndefined(slaErrors, 0.01),
      },
    };
    start.mutate(scenario);
  }

  async function loadFile(file: File | undefined) {
    if (!file) return;
    try {
      setPrompts(promptsFromFile(file.name, await file.text()).join("\n"));
      setSource("custom");
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  const general = start.error && issues.length === 0 ? errorMessage(start.error) : undefined;
  return (
    <Card>
      <form onSubmit={submit} aria-label="New load test">
        <CardSection
          title="New load test"
          description="Each virtual user asks a question through the assistant's public API, waits for the whole answer, thinks, and asks again. Levels run one after another; one load test runs at a time."
        >
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field
              id="lt-assistant"
              label="Assistant"
              required
              error={issueFor("assistant_id", "body.assistant_id")}
            >
              {(control) => (
                <Select {...control} value={chosen} onChange={(event) => setAssistantId(event.target.value)}>
                  {(assistants.data?.data ?? []).map((assistant) => (
                    <option key={assistant.id} value={assistant.id}>
                      {assistant.name} ({assistant.model})
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              id="lt-label"
              label="Label"
              hint="For comparisons, e.g. the model or “after upgrade”."
              error={issueFor("label")}
            >
              {(control) => (
                <Input {...control} value={label} onChange={(event) => setLabel(event.target.value)} />
              )}
            </Field>
            <Field id="lt-endpoint" label="Endpoint">
              {(control) => (
                <Select
                  {...control}
                  value={endpoint}
                  onChange={(event) => setEndpoint(event.target.value as "ask" | "stream")}
                >
                  <option value="stream">stream (measures time to first token)</option>
                  <option value="ask">ask</option>
                </Select>
              )}
            </Field>
            <Field
              id="lt-levels"
              label="User levels"
              hint="Concurrent users, comma-separated."
              error={issueFor("user_levels")}
            >
              {(control) => (
                <Input {...control} value={levels} onChange={(event) => setLevels(event.target.value)} />
              )}
            </Field>
            <Field id="lt-mode" label="Each level runs">
              {(control) => (
                <Select
                  {...control}
                  value={mode}
                  onChange={(event) => setMode(event.target.value as "duration" | "requests")}
                >
                  <option value="duration">for a duration (seconds)</option>
                  <option value="requests">for a number of requests per user</option>
                </Select>
              )}
            </Field>
            <NumberField
              id="lt-amount"
              label={mode === "duration" ? "Duration (s)" : "Requests per user"}
              error={issueFor("duration_seconds", "requests_per_user")}
              min={1}
              value={amount}
              onChange={setAmount}
            />
            <NumberField
              id="lt-ramp"
              label="Ramp-up (s)"
              error={issueFor("ramp_up_seconds")}
              min={0}
              value={rampUp}
              onChange={setRampUp}
            />
            <NumberField
              id="lt-think"
              label="Think time (ms)"
              error={issueFor("think_time_ms")}
              min={0}
              value={think}
              onChange={setThink}
            />
          </div>
        </CardSection>
        <CardSection title="Prompts" className="border-t border-stone-200 dark:border-stone-800">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="lt-source" label="Prompt set" error={issueFor("prompts")}>
              {(control) => (
                <Select
                  {...control}
                  value={source}
                  onChange={(event) => setSource(event.target.value as PromptSource)}
                >
                  <option value="builtin">Built in (20 everyday questions)</option>
                  <option value="custom">My prompts (pasted or from a file)</option>
                  <option value="sessions">Sampled from the assistant&apos;s past sessions</option>
                </Select>
              )}
            </Field>
            {source === "sessions" && (
              <NumberField
                id="lt-sessions"
                label="Latest distinct questions"
                error={issueFor("prompts.limit")}
                min={1}
                value={sessionLimit}
                onChange={setSessionLimit}
              />
            )}
            {source === "custom" && (
              <Field
                id="lt-file"
                label="Load from a file"
                hint=".txt (one per line), .csv (first column) or .json (array of strings)."
              >
                {(control) => (
                  <Input
                    {...control}
                    type="file"
                    accept=".txt,.csv,.json,text/plain"
                    className="pt-1.5"
                    onChange={(event) => void loadFile(event.target.files?.[0])}
                  />
                )}
              </Field>
            )}
          </div>
          {source === "custom" && (
            <Field
              id="lt-prompts"
              label="Prompts, one per line"
              className="mt-4"
              error={issueFor("prompts.items")}
            >
              {(control) => (
                <Textarea
                  {...control}
                  rows={5}
                  value={prompts}
                  onChange={(event) => setPrompts(event.target.value)}
                />
              )}
            </Field>
          )}
        </CardSection>
        <CardSection
          title="SLA"
          description="Leave blank to use the assistant's own targets (average 90 s unless set)."
          className="border-t border-stone-200 dark:border-stone-800"
        >
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <NumberField
              id="lt-sla-avg"
              label="Average ≤ (s)"
              error={issueFor("sla.avg_ms")}
              min={0}
              step="any"
              value={slaAvg}
              onChange={setSlaAvg}
            />
            <NumberField
              id="lt-sla-p95"
              label="p95 ≤ (s)"
              error={issueFor("sla.p95_ms")}
              min={0}
              step="any"
              value={slaP95}
              onChange={setSlaP95}
            />
            <NumberField
              id="lt-sla-ttft"
              label="Time to first token ≤ (ms)"
              error={issueFor("sla.ttft_ms")}
              min={0}
              value={slaTtft}
              onChange={setSlaTtft}
            />
            <NumberField
              id="lt-sla-errors"
              label="Error rate ≤ (%)"
              error={issueFor("sla.error_rate")}
              min={0}
              max={100}
              step="any"
              value={slaErrors}
              onChange={setSlaErrors}
            />
          </div>
        </CardSection>
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-stone-200 px-5 py-4 dark:border-stone-800">
          {general && (
            <p role="alert" className="mr-auto text-sm text-red-700 dark:text-red-400">
              {general}
            </p>
          )}
          <Button type="submit" pending={start.isPending} disabled={!chosen}>
            <Play aria-hidden className="size-4" />
            Start load test
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** A number input in a Field; the value stays text so an empty box means "not set". */
function NumberField({
  id,
  label,
  error,
  value,
  onChange,
  ...input
}: {
  id: string;
  label: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  min?: number;
  max?: number;
  step?: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      {(control) => (
        <Input
          {...control}
          {...input}
          type="number"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
