"use client";
import { canManageBackends, useConsoleUser } from "../../_lib/console-user";
import { AddBackendDialog } from "./backend-dialogs";

/** The "Add backend" action, for the roles that may manage backends. */
export function AddBackendButton() {
  if (!canManageBackends(useConsoleUser())) return null;
  return <AddBackendDialog />;
}
