// What a visitor reads of a failure, a source and a tool: the widget's wording in its language,
// never the server's own message (written for operators, in English, sometimes with their detail).
import { describe, expect, test } from "vitest";
import { AppError } from "../../errors";
import { WIDGET_LANGUAGES, widgetMessages } from "../../schemas/widget-messages";
import { forVisitor, toVisitorEvent, visitorError, visitorSources, visitorTool } from "./visitor-view";

const failure = (error: AppError) => ({ code: error.code, details: error.details });

describe("visitorError", () => {
  test.each([
    ["UNAUTHORIZED", undefined, "UNAUTHORIZED", "sessionExpired"],
    ["FORBIDDEN", undefined, "FORBIDDEN", "notAvailable"],
    ["ASSISTANT_DISABLED", undefined, "FORBIDDEN", "notAvailable"],
    ["INVALID_INPUT", [{ path: "message", message: "Too big" }], "INVALID_INPUT", "messageRejected"],
    ["PAYLOAD_TOO_LARGE", undefined, "PAYLOAD_TOO_LARGE", "messageTooLong"],
    ["RATE_LIMITED", undefined, "RATE_LIMITED", "busy"],
    ["RATE_LIMITED", { limit: "widget-ip" }, "RATE_LIMITED", "tooManyMessages"],
    ["RATE_LIMITED", { limit: "widget-session" }, "RATE_LIMITED", "tooManyMessages"],
    ["RATE_LIMITED", { limit: "widget-all" }, "RATE_LIMITED", "chatBusy"],
    ["RATE_LIMITED", { limit: "widget-open" }, "RATE_LIMITED", "tooManyChats"],
    ["RATE_LIMITED", { limit: "widget-feedback" }, "RATE_LIMITED", "tooManyRatings"],
    ["NO_BACKEND", undefined, "UNAVAILABLE", "apology"],
    ["UPSTREAM_ERROR", undefined, "UNAVAILABLE", "apology"],
    ["INTERNAL", undefined, "UNAVAILABLE", "apology"],
  ] as const)("%s %j: %s, worded as %s in every language", (code, details, shownCode, text) => {
    const error = new AppError(code, "Operator's words: backend 10.0.0.7 refused", { details });
    for (const language of WIDGET_LANGUAGES) {
      expect(visitorError(failure(error), "req_1", language)).toEqual({
        code: shownCode,
        message: widgetMessages(language)[text],
        reference: "req_1",
      });
    }
  });

  test("a widget service's hint words what the code alone does not", () => {
    const elsewhere = new AppError("FORBIDDEN", "not on this site", forVisitor("notAvailableHere"));
    expect(visitorError(failure(elsewhere), "r", "es").message).toBe(
      "Este chat no está disponible en este sitio.",
    );
    const notYours = new AppError("FORBIDDEN", "not yours", forVisitor("ownAnswersOnly"));
    expect(visitorError(failure(notYours), "r", "de").message).toBe(
      "Nur Antworten in Ihrem eigenen Gespräch können bewertet werden.",
    );
  });

  test("when to retry is kept; an unknown language reads English", () => {
    expect(visitorError({ code: "RATE_LIMITED", retry_after_seconds: 7 }, "r", "xx")).toEqual({
      code: "RATE_LIMITED",
      message: "Many people are asking right now. Please try again in a moment.",
      reference: "r",
      retry_after_seconds: 7,
    });
  });
});

describe("in the widget's language", () => {
  const view = { sources: "titles", toolActivity: "titles", language: "tr" } as const;

  test("a stream's error event", () => {
    const event = toVisitorEvent(
      {
        type: "error",
        error: { code: "UPSTREAM_TIMEOUT", message: "vLLM at 10.0.0.7 timed out" },
        message_id: "m",
        session_id: "s",
      },
      view,
      "req_9",
    );
    expect(event).toEqual({
      type: "error",
      error: {
        code: "UNAVAILABLE",
        message: "Üzgünüz, şu anda yanıt verilemedi. Lütfen birazdan tekrar deneyin.",
        reference: "req_9",
      },
    });
  });

  test("a source's page, and the knowledge search's title", () => {
    const citation = { filename: "Kılavuz.pdf", heading: "İzinler", page: 4, quote: "…" };
    expect(visitorSources([citation] as never, "titles", "tr")).toEqual([
      { title: "Kılavuz.pdf", location: "İzinler, sayfa 4" },
    ]);
    expect(visitorSources([citation] as never, "titles", "fr")[0]!.location).toBe("İzinler, page 4");
    const run = { id: "c1", name: "search_knowledge", kind: "knowledge" as const, summary: "", ok: null };
    expect(visitorTool(run, view).title).toBe("Bilgi dosyaları aranıyor");
    expect(visitorTool({ ...run, name: "crm__get_order", kind: "http" as const }, view).title).toBe(
      "get order",
    );
  });
});
