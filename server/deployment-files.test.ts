// The deployment files (Dockerfile, docs/deploy/compose.yaml, docs/deploy/haproxy.cfg and the
// Kubernetes manifests) cannot be run here: there is no Docker engine and no cluster. What can be
// checked offline is checked: they parse; every Hearth setting they use exists and holds a valid
// value; the image is built once, on Node 24 LTS, runs the launcher as a non-root user and never
// builds at start-up; probes and health checks use the documented endpoints; shutdown grace fits
// the orchestrator's kill timeout; and the autoscaler's metric is one Hearth exports.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseAllDocuments, parse } from "yaml";
import { envSchema } from "./env";
import { renderMetrics } from "./services/observability/metrics";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Doc = Record<string, unknown>;
const manifests = (file: string): Doc[] => parseAllDocuments(read(file)).map((doc) => doc.toJS() as Doc);

/** Hearth's own settings in an environment block (AWS_* and DATABASE_URL included). */
function hearthSettings(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => /^(HEARTH_|AWS_|DATABASE_URL$)/.test(name)),
  );
}

function expectValidSettings(env: Record<string, string>) {
  const settings = hearthSettings(env);
  for (const name of Object.keys(settings))
    expect(envSchema.shape, `unknown setting ${name}`).toHaveProperty(name);
  // Placeholders stand in for secrets; the rest must pass the same validation as at start-up.
  const result = envSchema.safeParse({ ...settings, DATABASE_URL: "postgresql://u:p@db:5432/hearth" });
  expect(result.error?.issues ?? []).toEqual([]);
}

describe("the Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = dockerfile.split(/^FROM /m).slice(1);

  test("builds in stages on Node 24 LTS slim and runs the launcher as a non-root user", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    // Each stage starts from Node 24 LTS slim, or from an earlier stage.
    for (const stage of stages) expect(stage).toMatch(/^(node:24-[a-z]+-slim|deps|build)\b/);
    expect(stages[0]).toMatch(/^node:24-[a-z]+-slim AS deps/);
    const runtime = stages.at(-1)!;
    expect(runtime).toMatch(/^USER hearth$/m);
    expect(runtime).toMatch(/useradd --system --uid 10001/);
    expect(runtime).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD \[[^\n]*\/health/m);
    expect(runtime).toMatch(/^CMD \["node", "\.next\/hearth\/start\.mjs"\]$/m);
    // Nothing is built when a container starts.
    expect(runtime).not.toMatch(/build-if-missing|next build|npm (run )?build|npm start/);
    // The app and the compiled launcher (scripts/build-launcher.mjs).
    expect(stages[1]).toMatch(/npm run build/);
  });

  test("copies what the launcher and `next start` need, and nothing the .dockerignore keeps out", () => {
    const runtime = stages.at(-1)!;
    for (const needed of [
      "/app/.next",
      "/app/node_modules",
      "/app/server",
      "/app/prisma",
      "/app/next.config.ts",
    ]) {
      expect(runtime).toContain(needed);
    }
    const ignored = read(".dockerignore").split("\n");
    for (const entry of ["node_modules", ".next", "data", ".git", ".env"]) expect(ignored).toContain(entry);
  });
});

describe("docs/deploy/compose.yaml", () => {
  const compose = parse(read("docs/deploy/compose.yaml"), { merge: true }) as {
    services: Record<string, Doc & { environment?: Record<string, string>; stop_grace_period?: string }>;
  };

  test("runs PostgreSQL, an S3 server, vLLM on a GPU, two Hearth replicas and a load balancer", () => {
    const services = compose.services;
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining([
        "postgres",
        "minio",
        "bucket",
        "vllm-gpt-oss-20b",
        "hearth-1",
        "hearth-2",
        "lb",
      ]),
    );
    expect(JSON.stringify(services["vllm-gpt-oss-20b"])).toContain('"capabilities":["gpu"]');
  });

  test("gives each replica valid settings and a stop grace longer than the drain", () => {
    for (const name of ["hearth-1", "hearth-2"]) {
      const service = compose.services[name]!;
      // ${VAR:?message} placeholders become sample values.
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [
          key,
          String(value).replace(/\$\{[^}]+\}/g, "sample-secret-0123456789abcdefghijklmnopqrstuvwxyz"),
        ]),
      );
      expectValidSettings({ ...env, HEARTH_PUBLIC_URL: "http://localhost:8080" });
      expect(env.HEARTH_STORAGE_URI).toMatch(/^s3:\/\//);
      const grace = Number(env.HEARTH_SHUTDOWN_GRACE_MS) / 1000;
      expect(Number.parseInt(service.stop_grace_period ?? "10", 10)).toBeGreaterThan(grace);
    }
  });

  test("the load balancer checks readiness and retries what a draining replica refused", () => {
    const haproxy = read("docs/deploy/haproxy.cfg");
    expect(haproxy).toMatch(/option httpchk GET \/health\n/);
    expect(haproxy).toMatch(/retry-on [^\n]*\b503\b/);
    expect(haproxy).toMatch(/server hearth-1 hearth-1:3000 check/);
    expect(haproxy).toMatch(/server hearth-2 hearth-2:3000 check/);
  });
});

describe("the Kubernetes manifests", () => {
  const hearth = manifests("docs/deploy/kubernetes/hearth.yaml");
  const vllm = manifests("docs/deploy/kubernetes/vllm.yaml");
  const byKind = (docs: Doc[], kind: string) => docs.filter((doc) => doc.kind === kind);

  test("Hearth: valid settings, probes on readiness and liveness, grace beyond the drain, a PDB", () => {
    const config = byKind(hearth, "ConfigMap")[0]!.data as Record<string, string>;
    const secret = byKind(hearth, "Secret")[0]!.stringData as Record<string, string>;
    expectValidSettings({ ...config, ...secret });
    const deployment = byKind(hearth, "Deployment")[0] as {
      spec: { template: { spec: { terminationGracePeriodSeconds: number; containers: Doc[] } } };
    };
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0] as {
      readinessProbe: { httpGet: { path: string } };
      livenessProbe: { httpGet: { path: string } };
    };
    expect(container.readinessProbe.httpGet.path).toBe("/health");
    expect(container.livenessProbe.httpGet.path).toBe("/health?probe=live");
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(config.HEARTH_SHUTDOWN_GRACE_MS) / 1000);
    expect(byKind(hearth, "PodDisruptionBudget")).toHaveLength(1);
  });

  test("vLLM: one Deployment per model, autoscaled on a metric Hearth exports", async () => {
    const models = byKind(vllm, "Deployment").map(
      (doc) => ((doc.metadata as Doc).labels as Record<string, string>)["hearth.dev/model"],
    );
    expect(models).toEqual(["gpt-oss-20b", "gpt-oss-120b"]);
    const exported = (await renderMetrics()).body;
    for (const scaler of byKind(vllm, "HorizontalPodAutoscaler")) {
      const metric = JSON.stringify(scaler.spec);
      expect(metric).toContain('"name":"hearth_gateway_queue_depth"');
      expect(exported).toContain("# TYPE hearth_gateway_queue_depth gauge");
    }
  });
});
