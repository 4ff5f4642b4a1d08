"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Send, Webhook } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { AlertDeliveryDto, AlertDestinationDto, AlertFormat } from "@/server/schemas/alerts";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { errorMessage, fieldIssues } from "../../_lib/errors";
import { formErrorMap } from "../../_lib/form-errors";
import { useTRPC } from "../../_lib/trpc";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { EmptyState } from "../ui/empty-state";
import { Field } from "../ui/field";
import { Input, Select } from "../ui/input";
import { Modal } from "../ui/modal";
import { QueryState } from "../ui/query-state";
import {
  destinationFormSchema,
  newDestinationDefaults,
  toCreateDestination,
  type DestinationFormValues,
} from "./destination-form-schema";

const formatNames: Record<AlertFormat, string> = {
  generic: "Generic JSON",
  slack: "Slack",
  teams: "Microsoft Teams",
};

/** The webhooks alerts go to; admins add them, send a test message and delete them. */
export function AlertDestinations() {
  const trpc = useTRPC();
  const admin = isAdmin(useConsoleUser());
  const destinations = useQuery(trpc.alerts.destinations.queryOptions());
  return (
    <div className="space-y-3">
      {admin && (
        <div className="flex justify-end">
          <AddDestinationDialog />
        </div>
      )}
      <QueryState
        query={destinations}
        loading="Loading webhooks…"
        framed
        isEmpty={(list) => list.data.length === 0}
        empty={
          <EmptyState
            icon={Webhook}
            title="No webhooks yet"
            description="Alerts show here either way; add a webhook (Slack, Teams or your own) to be told when one fires or resolves."
          />
        }
      >
        {(list) => (
          <Card>
            <ul className="divide-y divide-stone-200 dark:divide-stone-800">
              {list.data.map((destination) => (
                <DestinationRow key={destination.id} destination={destination} admin={admin} />
              ))}
            </ul>
          </Card>
        )}
      </QueryState>
    </div>
  );
}

function DestinationRow({ destination, admin }: { destination: AlertDestinationDto; admin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const test = useMutation(trpc.alerts.testDestination.mutationOptions());
  const remove = useMutation(trpc.alerts.deleteDestination.mutationOptions());
  const [outcome, setOutcome] = useState<AlertDeliveryDto | null>(null);
  const nameId = `destination-${destination.id}`;

  async function sendTest() {
    setOutcome(null);
    try {
      setOutcome(await test.mutateAsync({ id: destination.id }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return (
    <li className="flex flex-wrap items-start justify-between gap-3 p-4">
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span id={nameId} className="font-medium text-stone-900 dark:text-stone-100">
            {destination.name}
          </span>
          <Badge>{formatNames[destination.format]}</Badge>
          {!destination.enabled && <Badge tone="warning">Off</Badge>}
          {destination.has_secret && <Badge tone="brand">Signed</Badge>}
        </div>
        <p className="text-sm break-all text-stone-500 dark:text-stone-400">{destination.url_preview}</p>
        <p aria-live="polite" className="text-sm">
          {outcome &&
            (outcome.ok ? (
              <span className="text-emerald-700 dark:text-emerald-400">
                Test delivered: the webhook answered {outcome.status_code} in {outcome.duration_ms} ms.
              </span>
            ) : (
              <span className="text-red-700 dark:text-red-400">Test failed: {outcome.error}</span>
            ))}
        </p>
      </div>
      {admin && (
        <div className="flex gap-2">
          <Button
            variant="secondary"
            size="sm"
            aria-describedby={nameId}
            pending={test.isPending}
            onClick={() => void sendTest()}
          >
            <Send aria-hidden className="size-4" />
            Send test
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="danger-secondary" size="sm" aria-describedby={nameId}>
                Delete
              </Button>
            }
            title={`Delete the webhook “${destination.name}”?`}
            description="Alerts will no longer be posted to it. Its past deliveries stay in the history."
            confirmLabel="Delete webhook"
            onConfirm={async () => {
              await remove.mutateAsync({ id: destination.id });
              await queryClient.invalidateQueries(trpc.alerts.destinations.pathFilter());
              toast.success(`Deleted ${destination.name}`);
            }}
          />
        </div>
      )}
    </li>
  );
}

function AddDestinationDialog() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden className="size-4" />
        Add webhook
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Add webhook"
        description="Alerts are posted here when they fire and when they resolve. The URL and secret are stored sealed and not shown again."
      >
        <DestinationForm onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}

function DestinationForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.alerts.createDestination.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<DestinationFormValues>({
    resolver: zodResolver(destinationFormSchema, { error: formErrorMap }),
    defaultValues: newDestinationDefaults,
  });
  useUnsavedChanges(isDirty);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync(toCreateDestination(values));
      await queryClient.invalidateQueries(trpc.alerts.destinations.pathFilter());
      toast.success(`Added ${created.name}`);
      onDone();
    } catch (error) {
      for (const issue of fieldIssues(error)) {
        const field = issue.path.replace(/^body\./, "");
        if (field === "name" || field === "url" || field === "secret")
          setError(field, { message: issue.message });
      }
      setFormError(errorMessage(error));
    }
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-5">
      {formError && <Alert>{formError}</Alert>}
      <Field id="destination-name" label="Name" error={errors.name?.message} required>
        {(control) => <Input {...control} {...register("name")} placeholder="On-call channel" />}
      </Field>
      <Field id="destination-format" label="Format" hint="The body the webhook expects." required>
        {(control) => (
          <Select {...control} {...register("format")}>
            {Object.entries(formatNames).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="destination-url" label="Webhook URL" error={errors.url?.message} required>
        {(control) => (
          <Input
            {...control}
            {...register("url")}
            type="url"
            placeholder="https://hooks.slack.com/services/…"
          />
        )}
      </Field>
      <Field
        id="destination-secret"
        label="Signing secret"
        hint="Optional: signs each body (X-Hearth-Signature, HMAC-SHA256) so the receiver can check it came from Hearth."
        error={errors.secret?.message}
      >
        {(control) => <Input {...control} {...register("secret")} type="password" autoComplete="off" />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" pending={isSubmitting}>
          Add webhook
        </Button>
      </div>
    </form>
  );
}
