"use client";
import { Download } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import type { ReportFormat } from "@/server/schemas/loadtest";
import { errorMessage } from "../../_lib/errors";
import { useTRPCClient } from "../../_lib/trpc";
import { Button } from "../ui/button";

const labels: Record<ReportFormat, string> = { md: "Markdown", csv: "CSV", json: "JSON" };

/** Downloads the report (these runs, side by side) as a file. */
export function ExportButtons({ ids }: { ids: string[] }) {
  const client = useTRPCClient();
  const [pending, setPending] = useState<ReportFormat | null>(null);

  async function download(format: ReportFormat) {
    setPending(format);
    try {
      const file = await client.loadTests.export.query({ ids, format });
      const url = URL.createObjectURL(new Blob([file.body], { type: file.contentType }));
      const link = document.createElement("a");
      link.href = url;
      link.download = file.filename;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="flex flex-wrap gap-2">
      {(Object.keys(labels) as ReportFormat[]).map((format) => (
        <Button
          key={format}
          variant="secondary"
          size="sm"
          pending={pending === format}
          onClick={() => void download(format)}
        >
          <Download aria-hidden className="size-4" />
          {labels[format]}
        </Button>
      ))}
    </div>
  );
}
