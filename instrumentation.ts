// Runs once when the Next.js server starts: records each request's TCP peer (client-address.ts),
// starts exporting traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (so that what follows is
// traced), registers the model backends named by the environment, creates the first admin from
// ADMIN_EMAIL / ADMIN_PASSWORD when no user exists yet, and starts the knowledge ingestion worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before the first request: limits and the audit log read the client's address from it.
  const { installPeerAddressHook } = await import("./server/http/client-address");
  installPeerAddressHook();
  const { env } = await import("./server/env");
  const { startTracing } = await import("./server/services/observability/start-tracing");
  await startTracing(env);
  const { runStartupTasks } = await import("./server/services/system/run-startup-tasks");
  await runStartupTasks();
}
