"use client";
import { useQuery } from "@tanstack/react-query";
import { Server } from "lucide-react";
import type { BackendDto } from "@/server/schemas/backend";
import { canManageBackends, useConsoleUser } from "../../_lib/console-user";
import { useTRPC } from "../../_lib/trpc";
import { footerClass, tbodyClass, tdClass, thClass, theadClass } from "../ui/table-styles";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { QueryState } from "../ui/query-state";
import { formatPrices } from "../usage/usage-format";
import { BackendDrainButton, BackendEnabledButton, DeleteBackendButton } from "./backend-actions";
import { AddBackendDialog, EditBackendDialog } from "./backend-dialogs";
import { BackendHealthCell } from "./backend-health";

// Below the md breakpoint each row becomes a block of its cells, one under the other, so that
// nothing (the actions least of all) sits off screen in a table wider than a phone.
const stacked = "max-md:block";
const stackedCell = `${tdClass} max-md:block max-md:py-1.5`;

const kindNames: Record<BackendDto["kind"], string> = {
  openai_compatible: "OpenAI-compatible",
  llama_cpp: "llama.cpp (GGUF)",
};

export function BackendsTable() {
  const trpc = useTRPC();
  const canManage = canManageBackends(useConsoleUser());
  // Health moves by itself (probes every few seconds), so the list follows it.
  const backends = useQuery({ ...trpc.backends.list.queryOptions(), refetchInterval: 3_000 });

  return (
    <QueryState
      query={backends}
      loading="Loading backends…"
      framed
      isEmpty={(list) => list.data.length === 0}
      empty={
        <EmptyState
          icon={Server}
          title="No backends"
          description="Without a backend, assistants answer from their knowledge only (retrieval-only). Add a model server, or set HEARTH_LLM_BASE_URL and restart."
          action={canManage && <AddBackendDialog />}
        />
      }
    >
      {(list) => <BackendsList rows={list.data} canManage={canManage} />}
    </QueryState>
  );
}

function BackendsList({ rows, canManage }: { rows: BackendDto[]; canManage: boolean }) {
  return (
    <Card>
      <div className="overflow-x-auto">
        <table className={`w-full text-left text-sm ${stacked}`}>
          <caption className="sr-only">Backends</caption>
          <thead className={`${theadClass} max-md:sr-only`}>
            <tr>
              <th scope="col" className={thClass}>
                Name
              </th>
              <th scope="col" className={thClass}>
                Endpoint and models
              </th>
              <th scope="col" className={`${thClass} hidden text-right xl:table-cell`}>
                Max concurrency
              </th>
              <th scope="col" className={`${thClass} hidden 2xl:table-cell`}>
                API key
              </th>
              <th scope="col" className={thClass}>
                Health
              </th>
              {canManage && (
                <th scope="col" className={thClass}>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className={`${tbodyClass} ${stacked}`}>
            {rows.map((backend) => (
              <BackendRow key={backend.id} backend={backend} canManage={canManage} />
            ))}
          </tbody>
        </table>
      </div>
      <p className={footerClass}>
        {rows.length} backend{rows.length === 1 ? "" : "s"}
      </p>
    </Card>
  );
}

function BackendRow({ backend, canManage }: { backend: BackendDto; canManage: boolean }) {
  const nameId = `backend-${backend.id}-name`;
  const prices = formatPrices(backend.prices);
  return (
    <tr className={`align-top ${stacked} max-md:py-2`}>
      <td className={`${stackedCell} min-w-32`}>
        <p id={nameId} className="font-medium text-stone-900 dark:text-stone-100">
          {backend.name}
        </p>
        <p className="text-xs text-stone-500 dark:text-stone-400">{kindNames[backend.kind]}</p>
        {/* The columns hidden on narrower screens, folded into this cell. */}
        <p className="text-xs text-stone-500 2xl:hidden dark:text-stone-400">
          <span className="xl:hidden">Max concurrency {backend.max_concurrency} · </span>
          API key <ApiKeySummary backend={backend} />
        </p>
        <p className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-stone-500 dark:text-stone-400">
          <Badge tone={backend.source === "env" ? "brand" : "neutral"}>{backend.source}</Badge>
          {backend.source === "env" && <span>Re-applied from the environment at start-up</span>}
        </p>
      </td>
      <td className={`${stackedCell} min-w-40`}>
        <p className="font-mono text-xs break-all text-stone-700 dark:text-stone-300">
          {backend.base_url ?? backend.model_path ?? "—"}
        </p>
        <ul aria-label="Models" className="mt-1.5 flex flex-wrap gap-1">
          {backend.models.map((model) => (
            <li key={model}>
              <Badge wrap>{model}</Badge>
            </li>
          ))}
        </ul>
        {prices && <p className="mt-1.5 text-xs text-stone-500 dark:text-stone-400">Prices: {prices}</p>}
      </td>
      <td className={`${tdClass} hidden text-right tabular-nums xl:table-cell`}>{backend.max_concurrency}</td>
      <td className={`${tdClass} hidden 2xl:table-cell`}>
        <ApiKeySummary backend={backend} />
      </td>
      <td className={stackedCell}>
        <BackendHealthCell backend={backend} />
      </td>
      {canManage && (
        <td className={stackedCell}>
          {/* One button a line, two from xl, all in a row once the rows are stacked: the column
              stays narrow enough for the table to fit its frame, so no action is cut off. */}
          <div className="ml-auto grid w-max gap-2 max-md:ml-0 max-md:flex max-md:flex-wrap xl:grid-cols-2">
            {backend.enabled && <BackendDrainButton backend={backend} describedBy={nameId} />}
            <BackendEnabledButton backend={backend} describedBy={nameId} />
            <EditBackendDialog backend={backend} describedBy={nameId} />
            <DeleteBackendButton backend={backend} describedBy={nameId} />
          </div>
        </td>
      )}
    </tr>
  );
}

function ApiKeySummary({ backend }: { backend: BackendDto }) {
  if (backend.api_key_env)
    return (
      <span>
        from <code className="font-mono text-xs break-all">{backend.api_key_env}</code>
      </span>
    );
  if (backend.has_api_key) return <span>stored</span>;
  return <span className="text-stone-500 dark:text-stone-400">none</span>;
}
