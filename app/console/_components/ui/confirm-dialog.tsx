"use client";
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useId, useState, type ReactElement, type ReactNode } from "react";
import { errorMessage } from "../../_lib/errors";
import { Alert } from "./alert";
import { Button } from "./button";
import { Input } from "./input";

type ConfirmDialogProps = {
  /** The element that opens the dialog (a Button). */
  trigger: ReactElement;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** When set, the user must type this text before the action is allowed (for destructive actions). */
  requireText?: string;
  /** Runs the action; a thrown error is shown in the dialog, which stays open. */
  onConfirm: () => Promise<unknown>;
};

const overlay = "fixed inset-0 z-40 bg-stone-950/40 backdrop-blur-[1px]";
const panel =
  "fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg " +
  "border border-stone-200 bg-white p-6 shadow-xl focus:outline-none dark:border-stone-800 dark:bg-stone-900";

export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  requireText,
  onConfirm,
}: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const confirmed = requireText === undefined || typed.trim() === requireText;

  function onOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    setError(null);
    setTyped("");
  }

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
      setTyped("");
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlay} />
        <AlertDialog.Content className={panel}>
          <AlertDialog.Title className="text-lg font-semibold text-stone-900 dark:text-stone-50">
            {title}
          </AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 text-sm text-stone-600 dark:text-stone-400">{description}</div>
          </AlertDialog.Description>
          <form
            className="mt-5 space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              if (confirmed) void confirm();
            }}
          >
            {requireText !== undefined && (
              <div className="space-y-1.5">
                <label htmlFor={inputId} className="block text-sm text-stone-700 dark:text-stone-300">
                  Type <strong className="font-mono font-semibold">{requireText}</strong> to confirm
                </label>
                <Input
                  id={inputId}
                  value={typed}
                  onChange={(event) => setTyped(event.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                />
              </div>
            )}
            {error && <Alert>{error}</Alert>}
            <div className="flex justify-end gap-2">
              <AlertDialog.Cancel asChild>
                <Button variant="secondary" disabled={pending}>
                  Cancel
                </Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" pending={pending} disabled={!confirmed}>
                {confirmLabel}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
