"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Send, Webhook } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import type { AlertDeliveryDto, AlertDestinationDto } from "@/server/schemas/alerts";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { EmptyState } from "../ui/empty-state";
import { Modal } from "../ui/modal";
import { QueryState } from "../ui/query-state";
import { DestinationForm, formatNames } from "./destination-form";
import { toCreateDestination, toDestinationPatch } from "./destination-form-schema";

/** The webhooks alerts go to; admins add them, edit them, send a test message and delete them. */
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
        <div className="flex flex-wrap gap-2">
          <EditDestinationDialog destination={destination} describedBy={nameId} />
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.alerts.createDestination.mutationOptions());
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
        <DestinationForm
          submitLabel="Add webhook"
          onCancel={() => setOpen(false)}
          onSubmit={async (values) => {
            const created = await create.mutateAsync(toCreateDestination(values));
            await queryClient.invalidateQueries(trpc.alerts.destinations.pathFilter());
            toast.success(`Added ${created.name}`);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}

function EditDestinationDialog({
  destination,
  describedBy,
}: {
  destination: AlertDestinationDto;
  describedBy: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.alerts.updateDestination.mutationOptions());
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" aria-describedby={describedBy} onClick={() => setOpen(true)}>
        <Pencil aria-hidden className="size-4" />
        Edit
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Edit the webhook “${destination.name}”`}
        description="The URL and the secret are not shown; leave them empty to keep them."
      >
        <DestinationForm
          destination={destination}
          submitLabel="Save webhook"
          onCancel={() => setOpen(false)}
          onSubmit={async (values) => {
            const patch = toDestinationPatch(values, destination);
            if (Object.keys(patch).length === 0) {
              toast.info("No changes to save");
              setOpen(false);
              return;
            }
            const updated = await update.mutateAsync({ id: destination.id, patch });
            await queryClient.invalidateQueries(trpc.alerts.destinations.pathFilter());
            toast.success(`Saved ${updated.name}`);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}
