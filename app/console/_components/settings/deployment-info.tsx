"use client";
// The deployment's configuration as the server read it from its environment at start-up: what an
// operator checks before a support call or after an upgrade. Changed by editing the environment
// (see .env.example) and restarting. Secrets are only ever reported as set or not set.
import type { ReactNode } from "react";
import type { DeploymentInfo as Deployment } from "@/server/schemas/settings";
import { formatBytes } from "../../_lib/format";
import { formatMs } from "../dashboard/format-metrics";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";

const embeddingProviders: Record<Deployment["embeddings"]["provider"], string> = {
  hash: "Built-in lexical hash (no model)",
  openai_compatible: "OpenAI-compatible server",
  llama_cpp: "GGUF model in-process (llama.cpp)",
};

function Item({ term, children, variable }: { term: string; children: ReactNode; variable?: string }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)] sm:gap-4">
      <dt className="text-sm text-stone-500 dark:text-stone-400">
        {term}
        {variable && (
          <span className="block font-mono text-xs text-stone-500 dark:text-stone-400">{variable}</span>
        )}
      </dt>
      <dd className="min-w-0 text-sm break-words text-stone-900 dark:text-stone-100">{children}</dd>
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  const id = `deployment-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <Card className="p-5 sm:p-6">
      <section aria-labelledby={id}>
        <h3 id={id} className="text-sm font-semibold text-stone-900 dark:text-stone-100">
          {title}
        </h3>
        <dl className="mt-2 divide-y divide-stone-100 dark:divide-stone-800">{children}</dl>
      </section>
    </Card>
  );
}

const Mono = ({ children }: { children: ReactNode }) => <code className="font-mono text-xs">{children}</code>;

function SetOrNot({ set }: { set: boolean }) {
  return set ? <Badge tone="success">Set</Badge> : <Badge tone="neutral">Not set</Badge>;
}

export function DeploymentInfo({ info }: { info: Deployment }) {
  const { database, embeddings, uploads, runtime, security, version } = info;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Group title="Instance">
        <Item term="Version">
          {version.version}
          {version.commit && (
            <span className="text-stone-500 dark:text-stone-400">
              {" "}
              · <Mono>{version.commit.slice(0, 12)}</Mono>
            </span>
          )}
        </Item>
        {version.build_time && <Item term="Built">{version.build_time}</Item>}
        <Item term="Node.js">{version.node}</Item>
        <Item term="Public URL" variable="HEARTH_PUBLIC_URL">
          <Mono>{info.public_url}</Mono>
        </Item>
      </Group>

      <Group title="Storage">
        <Item term="Database" variable="DATABASE_URL">
          {database.kind === "pglite" ? (
            <>
              Embedded PGlite <span className="text-stone-500 dark:text-stone-400">(one process)</span>
              <span className="block">
                <Mono>{database.location}</Mono>
              </span>
            </>
          ) : (
            <>
              PostgreSQL{" "}
              <Mono>
                {database.host}
                {database.port ? `:${database.port}` : ""}
                {database.database ? `/${database.database}` : ""}
              </Mono>
              <span className="block text-stone-500 dark:text-stone-400">
                Pool of {database.pool_size} connections
              </span>
            </>
          )}
        </Item>
        <Item term="Data directory" variable="HEARTH_DATA_DIR">
          <Mono>{info.data_dir}</Mono>
        </Item>
        <Item term="Vectors (LanceDB)" variable="HEARTH_LANCEDB_URI">
          <Mono>{info.lancedb_uri}</Mono>
        </Item>
      </Group>

      <Group title="Embeddings">
        <Item term="Provider" variable="HEARTH_EMBEDDINGS_PROVIDER">
          {embeddingProviders[embeddings.provider]}
        </Item>
        <Item term="Model">
          <Mono>{embeddings.model || "—"}</Mono>
        </Item>
        <Item term="Dimension">{embeddings.dimension ?? "As the model answers"}</Item>
        {embeddings.base_url && (
          <Item term="Server" variable="HEARTH_EMBEDDINGS_BASE_URL">
            <Mono>{embeddings.base_url}</Mono>
          </Item>
        )}
      </Group>

      <Group title="Uploads and ingestion">
        <Item term="Largest file" variable="HEARTH_MAX_UPLOAD_BYTES">
          {formatBytes(uploads.max_file_bytes)}
        </Item>
        <Item term="Files per upload" variable="HEARTH_MAX_UPLOAD_FILES">
          {uploads.max_files}
        </Item>
        <Item term="Largest JSON body" variable="HEARTH_MAX_BODY_BYTES">
          {formatBytes(uploads.max_body_bytes)}
        </Item>
        <Item term="Decompressed size limit" variable="HEARTH_MAX_DECOMPRESSED_BYTES">
          {formatBytes(uploads.max_decompressed_bytes)} · ratio {uploads.max_compression_ratio}
        </Item>
        <Item term="Parse timeout" variable="HEARTH_PARSE_TIMEOUT_MS">
          {formatMs(uploads.parse_timeout_ms)}
        </Item>
        <Item term="Files ingested at once" variable="HEARTH_INGEST_CONCURRENCY">
          {uploads.ingest_concurrency}
        </Item>
      </Group>

      <Group title="Runtime">
        <Item term="Connect timeout" variable="HEARTH_LLM_CONNECT_TIMEOUT_MS">
          {formatMs(runtime.connect_timeout_ms)}
        </Item>
        <Item term="First token timeout" variable="HEARTH_LLM_FIRST_TOKEN_TIMEOUT_MS">
          {formatMs(runtime.first_token_timeout_ms)}
        </Item>
        <Item term="Stall timeout" variable="HEARTH_LLM_IDLE_TIMEOUT_MS">
          {formatMs(runtime.idle_timeout_ms)}
        </Item>
        <Item term="Whole generation" variable="HEARTH_LLM_TOTAL_TIMEOUT_MS">
          {formatMs(runtime.total_timeout_ms)}
        </Item>
        <Item term="Longest question" variable="HEARTH_MAX_MESSAGE_CHARS">
          {runtime.max_message_chars.toLocaleString()} characters
        </Item>
        <Item term="History in the prompt" variable="HEARTH_HISTORY_TOKEN_BUDGET">
          {runtime.history_token_budget.toLocaleString()} tokens
        </Item>
        <Item term="Stream heartbeat" variable="HEARTH_SSE_HEARTBEAT_MS">
          {formatMs(runtime.sse_heartbeat_ms)}
        </Item>
      </Group>

      <Group title="Security">
        <Item term="Metrics token" variable="HEARTH_METRICS_TOKEN">
          <SetOrNot set={security.metrics_token_set} />
          {!security.metrics_token_set && (
            <span className="ml-2 text-stone-500 dark:text-stone-400">/metrics is public</span>
          )}
        </Item>
        <Item term="Master key" variable="HEARTH_MASTER_KEY">
          <SetOrNot set={security.master_key_set} />
        </Item>
        <Item term="Secure cookies" variable="HEARTH_SECURE_COOKIES">
          {security.secure_cookies ? "Yes" : "No"}
        </Item>
        <Item term="Sign-in attempts per minute" variable="HEARTH_LOGIN_RATE_LIMIT">
          {security.login_rate_limit}
        </Item>
      </Group>
    </div>
  );
}
