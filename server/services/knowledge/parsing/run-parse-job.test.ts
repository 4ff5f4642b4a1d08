import { describe, expect, it, vi } from "vitest";
import { DocumentError } from "./document-error";
import { parseDocument } from "./parse-document";
import { runParseJob, UNREADABLE_MESSAGE } from "./run-parse-job";

vi.mock("./parse-document", () => ({ parseDocument: vi.fn() }));

const job = () =>
  runParseJob(
    new Uint8Array([1]),
    { format: "text", mimeType: "text/plain" },
    {
      maxDecompressedBytes: 1,
      maxCompressionRatio: 1,
    },
  );

describe("runParseJob", () => {
  it("passes a document error through as plain data", async () => {
    vi.mocked(parseDocument).mockRejectedValueOnce(new DocumentError("empty", "No text."));
    expect(await job()).toEqual({ ok: false, code: "empty", message: "No text." });
  });

  it("reports any other failure as a corrupt document without its internals", async () => {
    vi.mocked(parseDocument).mockRejectedValueOnce(
      new TypeError("cannot read 'x' of undefined at /srv/hearth/lib.js"),
    );
    const outcome = await job();
    expect(outcome).toMatchObject({ ok: false, code: "corrupt", message: UNREADABLE_MESSAGE });
    expect(outcome.ok === false && outcome.message).not.toMatch(/srv|undefined/);
    expect(outcome.ok === false && outcome.detail).toMatch(/TypeError/);
  });
});
