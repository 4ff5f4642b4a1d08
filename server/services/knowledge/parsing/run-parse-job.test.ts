import { describe, expect, it, vi } from "vitest";
import { DocumentError } from "./document-error";
import { parseDocument } from "./parse-document";
import { runParseJob, TOO_COMPLEX_MESSAGE, UNREADABLE_MESSAGE } from "./run-parse-job";

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

  it("reports memory V8 refused to allocate as a document too complex to read", async () => {
    vi.mocked(parseDocument).mockRejectedValueOnce(new RangeError("Array buffer allocation failed"));
    expect(await job()).toMatchObject({ ok: false, code: "too_complex", message: TOO_COMPLEX_MESSAGE });
    vi.mocked(parseDocument).mockRejectedValueOnce(new RangeError("Invalid string length"));
    expect(await job()).toMatchObject({ ok: false, code: "too_complex" });
    // A nonsense length read from a damaged file is damage, not size.
    vi.mocked(parseDocument).mockRejectedValueOnce(new RangeError("Invalid array length"));
    expect(await job()).toMatchObject({ ok: false, code: "corrupt" });
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
