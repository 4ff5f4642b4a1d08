"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import superjson from "superjson";
import type { AppRouter } from "@/server/trpc/root";
import { TRPCProvider } from "./trpc";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Authorization and validation errors do not get better by asking again.
        retry: (failureCount, error) =>
          failureCount < 2 &&
          !/UNAUTHORIZED|FORBIDDEN|NOT_FOUND|BAD_REQUEST/.test(
            String((error as { data?: { code?: string } }).data?.code),
          ),
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 25 })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
        <Toaster richColors position="bottom-right" />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
