"use client";
// The signed-in user, as the (app) layout resolved it on the server. Pages use the role only to
// hide actions the user cannot take; the server enforces every rule regardless.
import { createContext, useContext, type ReactNode } from "react";
import type { ConsoleUserDto } from "@/server/schemas/user";

export type ConsoleUser = { userId: string; email: string; role: ConsoleUserDto["role"] };

const ConsoleUserContext = createContext<ConsoleUser | null>(null);

export function ConsoleUserProvider({ user, children }: { user: ConsoleUser; children: ReactNode }) {
  return <ConsoleUserContext value={user}>{children}</ConsoleUserContext>;
}

export function useConsoleUser(): ConsoleUser {
  const user = useContext(ConsoleUserContext);
  if (!user) throw new Error("useConsoleUser must be used inside the signed-in console layout");
  return user;
}

export function canWriteAssistants(user: ConsoleUser): boolean {
  return user.role === "admin" || user.role === "operator";
}

export function isAdmin(user: ConsoleUser): boolean {
  return user.role === "admin";
}

/** Chatting with assistants (the playground): the server refuses viewers. */
export function canChat(user: ConsoleUser): boolean {
  return user.role === "admin" || user.role === "operator";
}

/** Uploading, deleting and re-indexing knowledge files and stores: viewers may only read and search. */
export function canWriteKnowledge(user: ConsoleUser): boolean {
  return user.role === "admin" || user.role === "operator";
}

export function canManageBackends(user: ConsoleUser): boolean {
  return user.role === "admin" || user.role === "operator";
}
