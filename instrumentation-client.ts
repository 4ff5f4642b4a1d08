// Runs in the browser before the app's own modules (Next's instrumentation-client convention).
// Zod compiles object schemas with `new Function` where it may, and finds out by trying once;
// under the pages' Content-Security-Policy (no 'unsafe-eval', see server/http/security-headers.ts)
// that try is refused, and the browser reports it as a policy violation on every page that
// builds a schema. Jitless mode skips the try and the compiler; the forms' schemas are small.
import { z } from "zod";

z.config({ jitless: true });
