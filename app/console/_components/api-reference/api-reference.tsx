"use client";
// The REST API reference, rendered by Scalar from /openapi.json. The bundle is served locally
// (see app/console/(app)/api-reference/scalar-bundle.ts), and every option that would reach the
// internet (web fonts, telemetry, the hosted AI agent) is turned off.
import { ExternalLink } from "lucide-react";
import Script from "next/script";
import { useEffect, useRef, useState } from "react";
import { buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorState } from "../ui/error-state";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";

type ScalarInstance = { destroy: () => void };
type ScalarGlobal = { createApiReference: (element: Element, configuration: object) => ScalarInstance };

function scalarGlobal(): ScalarGlobal | undefined {
  return (window as unknown as { Scalar?: ScalarGlobal }).Scalar;
}

export function ApiReference({ scriptSrc, specUrl }: { scriptSrc: string; specUrl: string }) {
  const container = useRef<HTMLDivElement>(null);
  const instance = useRef<ScalarInstance | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");

  function mount() {
    const scalar = scalarGlobal();
    if (!scalar || !container.current || instance.current) return;
    instance.current = scalar.createApiReference(container.current, {
      url: specUrl,
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      showDeveloperTools: "never",
      hideDarkModeToggle: true,
      forceDarkModeState: "light",
      documentDownloadType: "json",
      metaData: { title: "API reference · Hearth" },
    });
    setState("ready");
  }

  useEffect(
    () => () => {
      instance.current?.destroy();
      instance.current = null;
    },
    [],
  );

  return (
    <>
      <PageHeader
        title="API reference"
        description="Every REST endpoint, generated from the same schemas that validate requests."
        actions={
          <a
            href={specUrl}
            className={buttonClasses({ variant: "secondary" })}
            target="_blank"
            rel="noreferrer"
          >
            <ExternalLink aria-hidden className="size-4" />
            OpenAPI document
          </a>
        }
      />
      <Script
        src={scriptSrc}
        strategy="afterInteractive"
        onReady={mount}
        onError={() => setState("failed")}
      />
      {state === "failed" ? (
        <Card>
          <ErrorState
            title="Could not load the API reference viewer"
            message="The viewer script did not load. The OpenAPI document is still available as JSON."
            onRetry={() => window.location.reload()}
          />
        </Card>
      ) : (
        state === "loading" && (
          <div className="flex justify-center py-16">
            <Spinner label="Loading the API reference…" />
          </div>
        )
      )}
      <div
        ref={container}
        className="overflow-hidden rounded-lg border border-stone-200 bg-white dark:border-stone-800"
        hidden={state !== "ready"}
      />
    </>
  );
}
