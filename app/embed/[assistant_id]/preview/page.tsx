import type { Metadata } from "next";
import { headers } from "next/headers";
import { resolveActor } from "@/server/auth/resolve-actor";
import { AppError } from "@/server/errors";
import {
  previewWidget,
  type WidgetPreview as WidgetPreviewData,
} from "@/server/services/widget/preview-widget";
import { decodeSegment } from "../../../_lib/route-params";
import { WidgetPreview } from "../../_components/widget-preview";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Widget preview", robots: { index: false, follow: false } };

type Params = Promise<{ assistant_id: string }>;

/**
 * The widget's panel as the console's settings show it (see preview-widget.ts for why the console
 * may frame it): the saved look, then whatever the form holds, sent by the console page.
 */
export default async function EmbedPreviewPage({ params }: { params: Params }) {
  const { assistant_id } = await params;
  const requestHeaders = await headers();
  let preview: WidgetPreviewData | null = null;
  try {
    preview = await previewWidget(await resolveActor(requestHeaders), decodeSegment(assistant_id));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  if (!preview) {
    return (
      <main className="flex min-h-screen items-center justify-center p-6 text-center">
        <p role="alert" className="text-sm text-stone-600 dark:text-stone-300">
          Sign in to the console as someone who may read this assistant to preview its widget.
        </p>
      </main>
    );
  }
  return <WidgetPreview initial={preview.appearance} assistantName={preview.assistantName} />;
}
