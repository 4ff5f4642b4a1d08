"use client";
// Nothing lost by accident: while a form has unsaved edits, leaving the page asks first. A reload,
// a close or a link to another site get the browser's own `beforeunload` prompt. In-app navigation
// has no event to cancel in Next's App Router, so a click on a same-origin link is caught on the
// document in the capture phase, before <Link>'s handler, and held until the user answers the
// console's dialog (LeavePageDialog, in the shell); leaving replays the click. Back and Forward
// between console pages are same-document history moves, which only the Navigation API can cancel
// (Chromium's has it): in a browser without it they leave without asking. Programmatic moves
// (router.push after a save) are not caught, so a form's own submit never asks.
// Any number of forms may be dirty at once; the listeners are installed once, for all of them.
import { useEffect, useSyncExternalStore } from "react";
import { leavesPage, pageLeftBy } from "./leaving-page";

/** A move away from the page, held until the user answers. */
export type LeaveRequest = { leave: () => void };

/** Used when no LeavePageDialog is mounted. */
const confirmText = "Leave this page? Your changes have not been saved and will be lost.";

type TraverseDestination = { key: string; url: string; sameDocument: boolean };
type NavigateEventLike = Event & { navigationType: string; destination: TraverseDestination };
type NavigationLike = EventTarget & {
  traverseTo(key: string): { committed: Promise<unknown>; finished: Promise<unknown> };
};

const dirtyForms = new Set<symbol>();
const requestListeners = new Set<() => void>();
let request: LeaveRequest | null = null;
// While a confirmed move goes on (the replayed click, or the unload it starts), nothing asks again.
let following = false;
let allowedTraversal: string | null = null;

function navigationApi(): NavigationLike | undefined {
  return (window as Window & { navigation?: NavigationLike }).navigation;
}

function setRequest(next: LeaveRequest | null) {
  request = next;
  for (const listener of requestListeners) listener();
}

function askToLeave(leave: () => void) {
  if (requestListeners.size === 0) {
    if (window.confirm(confirmText)) leave();
    return;
  }
  setRequest({ leave });
}

function follow(move: () => void) {
  following = true;
  try {
    move();
  } finally {
    following = false;
  }
}

function onClick(event: MouseEvent) {
  if (following || !(event.target instanceof Element)) return;
  const anchor = event.target.closest("a[href]");
  if (!(anchor instanceof HTMLAnchorElement)) return;
  const destination = pageLeftBy(
    event,
    { href: anchor.href, target: anchor.target, download: anchor.hasAttribute("download") },
    window.location.href,
  );
  if (!destination) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  askToLeave(() => follow(() => (anchor.isConnected ? anchor.click() : window.location.assign(destination))));
}

function onBeforeUnload(event: BeforeUnloadEvent) {
  if (following) return;
  event.preventDefault();
  // For browsers that predate preventDefault() here (Chrome before 119).
  event.returnValue = true;
}

function onNavigate(event: Event) {
  const { navigationType, destination } = event as NavigateEventLike;
  if (navigationType !== "traverse" || !event.cancelable || !destination.sameDocument) return;
  if (destination.key === allowedTraversal) return;
  if (!leavesPage(destination.url, window.location.href)) return;
  event.preventDefault();
  askToLeave(() => {
    const navigation = navigationApi();
    if (!navigation) return;
    allowedTraversal = destination.key;
    const done = () => {
      allowedTraversal = null;
    };
    const { committed, finished } = navigation.traverseTo(destination.key);
    void committed.catch(() => undefined);
    void finished.then(done, done);
  });
}

function guard(on: boolean) {
  const navigation = navigationApi();
  if (on) {
    document.addEventListener("click", onClick, true);
    window.addEventListener("beforeunload", onBeforeUnload);
    navigation?.addEventListener("navigate", onNavigate);
  } else {
    document.removeEventListener("click", onClick, true);
    window.removeEventListener("beforeunload", onBeforeUnload);
    navigation?.removeEventListener("navigate", onNavigate);
    allowedTraversal = null;
    setRequest(null);
  }
}

/** Asks before the page is left while `dirty` (react-hook-form's `formState.isDirty`) is true. */
export function useUnsavedChanges(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const form = Symbol("dirty form");
    dirtyForms.add(form);
    if (dirtyForms.size === 1) guard(true);
    return () => {
      dirtyForms.delete(form);
      if (dirtyForms.size === 0) guard(false);
    };
  }, [dirty]);
}

function subscribe(listener: () => void) {
  requestListeners.add(listener);
  return () => {
    requestListeners.delete(listener);
  };
}

/** The move waiting for an answer, for the dialog that asks (LeavePageDialog). */
export function useLeaveRequest(): LeaveRequest | null {
  return useSyncExternalStore(
    subscribe,
    () => request,
    () => null,
  );
}

/** The user's answer: leaving carries out the held move; staying drops it. */
export function answerLeaveRequest(leave: boolean): void {
  const held = request;
  setRequest(null);
  if (leave) held?.leave();
}
