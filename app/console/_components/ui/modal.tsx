"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import type { ReactNode, RefObject } from "react";

type ModalProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Keeps the dialog open on outside clicks (e.g. while a secret is on screen). */
  dismissibleOutside?: boolean;
  /** What takes the focus on opening, else the first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>;
  /**
   * What takes the focus back on closing: the button that opened it. (Radix returns it to its own
   * `Dialog.Trigger`, which a dialog opened from state has not.)
   */
  finalFocus?: RefObject<HTMLElement | null>;
};

/** A modal dialog (Radix): focus trapped inside, Escape closes it, focus returns to the trigger. */
export function Modal({
  open,
  onOpenChange,
  title,
  description,
  children,
  dismissibleOutside = true,
  initialFocus,
  finalFocus,
}: ModalProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-stone-950/40 backdrop-blur-[1px]" />
        <Dialog.Content
          onInteractOutside={(event) => {
            if (!dismissibleOutside) event.preventDefault();
          }}
          onOpenAutoFocus={(event) => {
            if (!initialFocus?.current) return;
            event.preventDefault();
            initialFocus.current.focus();
          }}
          onCloseAutoFocus={(event) => {
            if (!finalFocus?.current) return;
            event.preventDefault();
            finalFocus.current.focus();
          }}
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-stone-200 bg-white p-6 shadow-xl focus:outline-none dark:border-stone-800 dark:bg-stone-900"
        >
          <div className="flex items-start justify-between gap-4">
            <Dialog.Title className="text-lg font-semibold text-stone-900 dark:text-stone-50">
              {title}
            </Dialog.Title>
            <Dialog.Close className="-m-1 rounded p-1 text-stone-500 hover:bg-stone-100 hover:text-stone-800 focus-visible:outline-2 focus-visible:outline-brand-600 dark:hover:bg-stone-800">
              <X aria-hidden className="size-4" />
              <span className="sr-only">Close</span>
            </Dialog.Close>
          </div>
          {description ? (
            <Dialog.Description className="mt-1 text-sm text-stone-600 dark:text-stone-400">
              {description}
            </Dialog.Description>
          ) : (
            <Dialog.Description className="sr-only">{title}</Dialog.Description>
          )}
          <div className="mt-5">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
