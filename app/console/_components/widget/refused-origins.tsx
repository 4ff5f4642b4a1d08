"use client";
// The sites whose pages asked for the widget and were refused (the loader's status check), with a
// one-click Allow (the origin joins the allowed origins, saved at once; the settings form below keeps
// its unsaved edits) and Dismiss. Shown only when there are some.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { RefusedOrigin } from "@/server/schemas/widget";
import { errorMessage } from "../../_lib/errors";
import { formatDateTime } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { Card } from "../ui/card";

export function RefusedOrigins({ assistantId, canWrite }: { assistantId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const refused = useQuery(trpc.widget.refusedOrigins.queryOptions({ assistantId }));
  if (!refused.data?.length) return null;
  return (
    <Card className="p-5 sm:p-6">
      <section aria-labelledby="refused-origins-heading">
        <h2 id="refused-origins-heading" className="text-base font-semibold">
          Refused origins
        </h2>
        <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">
          Pages of these sites include the snippet but are not allowed, so they show no chat. Allow the ones
          that are yours; anyone can make a page ask, so allow only sites you know. Allow saves at once: the
          site joins the allowed origins below, and changes you have not saved there stay, still to save.
        </p>
        <ul className="mt-3 divide-y divide-stone-200 dark:divide-stone-800">
          {refused.data.map((row) => (
            <RefusedOriginRow key={row.origin} assistantId={assistantId} row={row} canWrite={canWrite} />
          ))}
        </ul>
      </section>
    </Card>
  );
}

function RefusedOriginRow({
  assistantId,
  row,
  canWrite,
}: {
  assistantId: string;
  row: RefusedOrigin;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.widget.refusedOrigins.queryFilter({ assistantId })),
      queryClient.invalidateQueries(trpc.widget.get.queryFilter({ assistantId })),
    ]);
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const allow = useMutation(
    trpc.widget.allowOrigin.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast.success(`${row.origin} is allowed`);
      },
      onError,
    }),
  );
  const dismiss = useMutation(trpc.widget.dismissOrigin.mutationOptions({ onSuccess: refresh, onError }));
  const input = { assistantId, origin: row.origin };
  return (
    <li data-refused-origin={row.origin} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2.5">
      <div className="min-w-0 flex-1">
        <p className="font-mono text-sm break-all">{row.origin}</p>
        <p className="text-xs text-stone-500 dark:text-stone-400">
          {row.count === 1 ? "1 request" : `${row.count} requests`}, last {formatDateTime(row.last_seen_at)}
        </p>
      </div>
      {canWrite && (
        <div className="flex gap-2">
          <Button
            size="sm"
            pending={allow.isPending}
            onClick={() => allow.mutate(input)}
            aria-label={`Allow ${row.origin}`}
          >
            Allow
          </Button>
          <Button
            size="sm"
            variant="secondary"
            pending={dismiss.isPending}
            onClick={() => dismiss.mutate(input)}
            aria-label={`Dismiss ${row.origin}`}
          >
            Dismiss
          </Button>
        </div>
      )}
    </li>
  );
}
