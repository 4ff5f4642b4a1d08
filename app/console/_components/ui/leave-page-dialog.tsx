"use client";
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { answerLeaveRequest, useLeaveRequest } from "../../_lib/use-unsaved-changes";
import { Button } from "./button";

const overlay = "fixed inset-0 z-40 bg-stone-950/40 backdrop-blur-[1px]";
const panel =
  "fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg " +
  "border border-stone-200 bg-white p-6 shadow-xl focus:outline-none dark:border-stone-800 dark:bg-stone-900";

/**
 * Asks whether to leave a page whose form has unsaved edits (useUnsavedChanges). Mounted once, in
 * the console's shell; "Stay" has the focus, so Enter or Escape keeps the edits.
 */
export function LeavePageDialog() {
  const request = useLeaveRequest();
  return (
    <AlertDialog.Root
      open={request !== null}
      onOpenChange={(open) => {
        if (!open) answerLeaveRequest(false);
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlay} />
        <AlertDialog.Content className={panel}>
          <AlertDialog.Title className="text-lg font-semibold text-stone-900 dark:text-stone-50">
            Leave this page?
          </AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-stone-600 dark:text-stone-400">
            Your changes have not been saved. If you leave, they are lost.
          </AlertDialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Stay on this page</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="danger" onClick={() => answerLeaveRequest(true)}>
                Leave without saving
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
