// Display words for the knowledge schemas' enums.
import type { FileDto, VectorStoreDto } from "@/server/schemas/knowledge";
import type { BadgeTone } from "../ui/badge";

export const formatLabels: Record<FileDto["format"], string> = {
  pdf: "PDF",
  docx: "DOCX",
  xlsx: "XLSX",
  html: "HTML",
  markdown: "Markdown",
  text: "Text",
  csv: "CSV",
  json: "JSON",
};

const stageLabels: Record<FileDto["stage"], string> = {
  queued: "Queued…",
  parsing: "Parsing…",
  chunking: "Chunking…",
  embedding: "Embedding…",
  indexing: "Indexing…",
  done: "Finishing…",
};

/** A file's status as a badge: while in progress, the stage it is at. */
export function fileStatusBadge(file: Pick<FileDto, "status" | "stage">): [string, BadgeTone] {
  switch (file.status) {
    case "completed":
      return ["Ready", "success"];
    case "failed":
      return ["Failed", "danger"];
    case "cancelled":
      return ["Cancelled", "warning"];
    case "in_progress":
      return [stageLabels[file.stage], "brand"];
  }
}

export const storeStatusBadge: Record<VectorStoreDto["status"], [string, BadgeTone]> = {
  completed: ["Ready", "success"],
  in_progress: ["Indexing…", "brand"],
  expired: ["Expired", "warning"],
};

/** The file types the server accepts (it judges by content; the picker only suggests these). */
export const acceptedFileTypes = ".pdf,.docx,.xlsx,.html,.htm,.md,.markdown,.txt,.csv,.json";
export const acceptedFileTypesText = "PDF, DOCX, XLSX, HTML, Markdown, text, CSV or JSON";
