"use client";
// The console's typed tRPC hooks (TanStack React Query integration). Only the router's type is
// imported from the server; nothing server-side reaches the browser bundle.
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@/server/trpc/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
