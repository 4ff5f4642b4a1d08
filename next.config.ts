import { execSync } from "node:child_process";
import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./server/http/security-headers";

function gitCommit(): string {
  try {
    return execSync("git rev-parse HEAD", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "";
  }
}

const nextConfig: NextConfig = {
  // A separate output folder lets a second server (e.g. an e2e run) work beside a dev server.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and Node-only packages stay outside the bundle (see shared OFFLINE notes).
  serverExternalPackages: [
    "pg",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pino",
    "node-llama-cpp",
    "@lancedb/lancedb",
    "apache-arrow",
    "undici",
    // The OpenTelemetry API is shared with Next's own tracer; the SDK loads only when traces are on.
    "@opentelemetry/api",
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/exporter-trace-otlp-proto",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/resources",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  env: {
    HEARTH_BUILD_COMMIT: gitCommit(),
    HEARTH_BUILD_TIME: new Date().toISOString(),
  },
  // Security headers on every response, the per-question endpoints included (they skip proxy.ts);
  // proxy.ts adds the pages' policy with its nonce, and HSTS. See server/http/security-headers.ts.
  async headers() {
    return staticSecurityHeaders();
  },
};

export default nextConfig;
