"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import type { AlertRuleDto } from "@/server/schemas/alerts";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TableHead } from "../ui/data-table";
import { Modal } from "../ui/modal";
import { QueryState } from "../ui/query-state";
import { tbodyClass, tdClass } from "../ui/table-styles";
import { describeRule, kindLabels, scopeOf } from "./alert-format";
import { RuleForm } from "./rule-form";
import { toCreateRule, toRulePatch } from "./rule-form-schema";

const stackedCell = `${tdClass} max-md:block max-md:py-1.5`;

/**
 * The rules, each with its condition in words and what it watches by name; admins add rules of
 * their own, edit any, and delete their own (the built-in ones can only be switched off).
 */
export function AlertRules() {
  const trpc = useTRPC();
  const admin = isAdmin(useConsoleUser());
  const rules = useQuery(trpc.alerts.rules.queryOptions());
  return (
    <div className="space-y-3">
      {admin && (
        <div className="flex justify-end">
          <NewRuleDialog />
        </div>
      )}
      <QueryState query={rules} loading="Loading alert rules…" framed>
        {(list) => (
          <Card className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Alert rules</caption>
              <TableHead
                columns={[
                  { label: "Rule" },
                  { label: "Fires when", className: "max-md:hidden" },
                  { label: "Scope", className: "max-md:hidden" },
                  { label: "State" },
                  ...(admin ? [{ label: "Actions", srOnly: true }] : []),
                ]}
              />
              <tbody className={tbodyClass}>
                {list.data.map((rule) => (
                  <RuleRow key={rule.id} rule={rule} admin={admin} />
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </QueryState>
    </div>
  );
}

function RuleRow({ rule, admin }: { rule: AlertRuleDto; admin: boolean }) {
  const scope = scopeOf(rule);
  const nameId = `rule-${rule.id}`;
  return (
    <tr className="max-md:block">
      <td className={stackedCell}>
        <div id={nameId} className="font-medium text-stone-900 dark:text-stone-100">
          {rule.name}
        </div>
        <div className="text-xs text-stone-500 dark:text-stone-400">
          {kindLabels[rule.kind]}
          {rule.built_in ? " · built-in" : ""}
        </div>
      </td>
      <td className={`${stackedCell} text-stone-700 dark:text-stone-300`}>{describeRule(rule)}</td>
      <td className={stackedCell}>
        <div
          className={scope.id ? "text-stone-900 dark:text-stone-100" : "text-stone-500 dark:text-stone-400"}
        >
          {scope.label}
        </div>
        {scope.id && (
          <div className="font-mono text-xs break-all text-stone-500 dark:text-stone-400">{scope.id}</div>
        )}
      </td>
      <td className={stackedCell}>
        <Badge tone={rule.enabled ? "success" : "neutral"}>{rule.enabled ? "On" : "Off"}</Badge>
      </td>
      {admin && (
        <td className={`${stackedCell} text-right`}>
          <div className="flex flex-wrap justify-end gap-2">
            <EditRuleDialog rule={rule} describedBy={nameId} />
            {!rule.built_in && <DeleteRuleButton rule={rule} describedBy={nameId} />}
          </div>
        </td>
      )}
    </tr>
  );
}

function NewRuleDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.alerts.createRule.mutationOptions());
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden className="size-4" />
        New rule
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="New alert rule"
        description="A rule of your own: another threshold, or one assistant or backend watched on its own."
      >
        <RuleForm
          submitLabel="Add rule"
          onCancel={() => setOpen(false)}
          onSubmit={async (values) => {
            const created = await create.mutateAsync(toCreateRule(values));
            await queryClient.invalidateQueries(trpc.alerts.rules.pathFilter());
            toast.success(`Added “${created.name}”`);
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}

function EditRuleDialog({ rule, describedBy }: { rule: AlertRuleDto; describedBy: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(trpc.alerts.updateRule.mutationOptions());
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" aria-describedby={describedBy} onClick={() => setOpen(true)}>
        Edit
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={`Edit “${rule.name}”`}
        description={describeRule(rule)}
      >
        <RuleForm
          rule={rule}
          submitLabel="Save rule"
          onCancel={() => setOpen(false)}
          onSubmit={async (values) => {
            const patch = toRulePatch(values, rule);
            if (Object.keys(patch).length > 0) {
              const updated = await update.mutateAsync({ id: rule.id, patch });
              await queryClient.invalidateQueries(trpc.alerts.pathFilter());
              toast.success(`Saved “${updated.name}”`);
            }
            setOpen(false);
          }}
        />
      </Modal>
    </>
  );
}

function DeleteRuleButton({ rule, describedBy }: { rule: AlertRuleDto; describedBy: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.alerts.deleteRule.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger-secondary" size="sm" aria-describedby={describedBy}>
          Delete
        </Button>
      }
      title={`Delete the rule “${rule.name}”?`}
      description="It is no longer checked, and its alerts, firing or past, go with it."
      confirmLabel="Delete rule"
      onConfirm={async () => {
        await remove.mutateAsync({ id: rule.id });
        await queryClient.invalidateQueries(trpc.alerts.pathFilter());
        toast.success(`Deleted “${rule.name}”`);
      }}
    />
  );
}
