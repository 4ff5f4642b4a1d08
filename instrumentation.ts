// Runs once when the Next.js server starts: registers the model backends named by the environment,
// creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no user exists yet, and starts
// the knowledge ingestion worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runStartupTasks } = await import("./server/services/system/run-startup-tasks");
  await runStartupTasks();
}
