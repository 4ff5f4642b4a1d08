// Runs once when the Next.js server starts: creates the first admin from ADMIN_EMAIL and
// ADMIN_PASSWORD when the database has no user yet (otherwise the setup page does it).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrapFirstAdmin } = await import("./server/services/users/bootstrap-first-admin");
  await bootstrapFirstAdmin();
}
