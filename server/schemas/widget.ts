// The embeddable chat widget: its settings (console) and the embed endpoints' bodies (the iframe).
import { z } from "zod";
import { idSlugSchema } from "./common";
import { WIDGET_LANGUAGES, type WidgetLanguage } from "./widget-messages";

/** An origin as browsers send it: scheme, host and optional port; nothing else. */
export const widgetOriginSchema = z
  .string()
  .trim()
  .max(255)
  .transform((value, ctx) => {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      // reported below
    }
    // Only scheme, host and port: URL normalises case and default ports, and anything more
    // (a path, a query, credentials) makes the href longer than the origin.
    const bare =
      url && (url.protocol === "https:" || url.protocol === "http:") && url.href === `${url.origin}/`;
    if (!url || !bare) {
      ctx.addIssue({
        code: "custom",
        message: `'${value}' is not an origin: write scheme, host and port only, e.g. https://www.example.com`,
      });
      return z.NEVER;
    }
    return url.origin;
  });

export const widgetSourcesModeSchema = z.enum(["off", "titles", "passages"]).meta({
  description:
    "What visitors see of the sources an answer used: `off` (nothing, the default), `titles` (file titles and " +
    "sections), `passages` (titles and the passages' text). Relevance scores are never shown to visitors.",
});
export type WidgetSourcesMode = z.infer<typeof widgetSourcesModeSchema>;

export const widgetToolActivitySchema = z.enum(["off", "titles", "summaries"]).meta({
  description:
    "What visitors see while the assistant uses its tools: `off` (nothing), `titles` (a line per call naming " +
    "the tool, the default), `summaries` (and the call's one-line summary: an HTTP tool's method, URL and " +
    "status, a knowledge search's query and files). Results are never shown to visitors.",
});
export type WidgetToolActivity = z.infer<typeof widgetToolActivitySchema>;

export const widgetLanguageSchema = z.enum(WIDGET_LANGUAGES).meta({
  description: "The language of the texts visitors read: `en` (the default), `de`, `fr`, `es` or `tr`.",
});

export const widgetPositionSchema = z.enum(["bottom-right", "bottom-left"]);
export type WidgetPosition = z.infer<typeof widgetPositionSchema>;

export const widgetSettingsSchema = z.object({
  enabled: z.boolean(),
  allowed_origins: z.array(widgetOriginSchema).max(50, "at most 50 origins"),
  title: z.string().trim().max(80),
  greeting: z.string().trim().max(500),
  primary_color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour as #rrggbb")
    .transform((value) => value.toLowerCase()),
  position: widgetPositionSchema,
  rate_per_minute_per_ip: z.number().int().min(1).max(10_000),
  rate_per_minute_per_session: z.number().int().min(1).max(10_000),
  rate_per_minute: z.number().int().min(1).max(100_000).meta({
    description: "Messages per minute from all visitors together (one visitor cannot spend the GPU).",
  }),
  sources: widgetSourcesModeSchema,
  tool_activity: widgetToolActivitySchema,
  language: widgetLanguageSchema,
});
export type WidgetSettings = z.output<typeof widgetSettingsSchema>;
export type WidgetSettingsInput = z.input<typeof widgetSettingsSchema>;

export const updateWidgetInputSchema = widgetSettingsSchema.partial();
export type UpdateWidgetInput = z.input<typeof updateWidgetInputSchema>;

export const widgetDtoSchema = z.object({
  assistant_id: z.string(),
  ...widgetSettingsSchema.shape,
  allowed_origins: z.array(z.string()),
  primary_color: z.string(),
  snippet: z.string(),
  updated_at: z.string().nullable(),
});
export type WidgetDto = z.infer<typeof widgetDtoSchema>;

/** What the iframe page needs to render; nothing about the assistant beyond its public face. */
export interface WidgetAppearance {
  assistantId: string;
  title: string;
  greeting: string;
  primaryColor: string;
  /** The embedding site (an allowed origin), the only target of the iframe's messages. */
  siteOrigin: string;
  language: WidgetLanguage;
  /** The assistant's suggested questions: one-click starters while the conversation is empty. */
  suggestions: string[];
  /** The console's preview (preview/page.tsx): the look only, with no conversation. */
  preview?: boolean;
}

export const widgetStatusSchema = z
  .object({
    status: z.enum(["allowed", "refused", "disabled"]).meta({
      description:
        "`allowed`: draw the launcher; `refused`: the page's origin is not one of the widget's allowed " +
        "origins (recorded for the console to offer); `disabled`: the widget or its assistant is off.",
    }),
    origin: z.string().nullable().meta({
      description: "The calling page's origin as Hearth read it from the Origin header (null: none sent).",
    }),
    message: z.string().meta({
      description:
        "For the site's developer (the loader writes it to the browser console): why, and what to do.",
    }),
    widget: z
      .object({
        title: z.string(),
        primary_color: z.string(),
        position: widgetPositionSchema,
        language: widgetLanguageSchema,
        labels: z.object({ open: z.string(), close: z.string(), frame: z.string() }).meta({
          description: "The launcher's accessible names and the iframe's title, in the widget's language.",
        }),
      })
      .nullable()
      .meta({ description: "What the loader needs to draw the launcher; only when `allowed`." }),
  })
  .meta({ description: "Whether the calling page may show the widget, and the launcher's look." });
export type WidgetStatus = z.infer<typeof widgetStatusSchema>;

export const refusedOriginSchema = z.object({
  origin: z.string(),
  count: z.number().int().meta({ description: "How many times pages of this origin asked." }),
  first_seen_at: z.string(),
  last_seen_at: z.string(),
});
export type RefusedOrigin = z.infer<typeof refusedOriginSchema>;

export const refusedOriginInputSchema = z.object({
  assistantId: idSlugSchema,
  origin: widgetOriginSchema,
});

export const widgetSessionInputSchema = z.object({
  /** The token this browser kept from an earlier visit, to continue its conversation. */
  resume_token: z.string().max(2048).optional(),
});

export const widgetStreamInputSchema = z.object({
  message: z.string(),
});

/** A source as a visitor sees it: a title and where in the document, and the passage if allowed. */
export const visitorSourceSchema = z.object({
  title: z.string(),
  location: z.string().nullable(),
  passage: z.string().optional(),
});
export type VisitorSource = z.infer<typeof visitorSourceSchema>;

/** A tool call as a visitor sees it: the tool's title, how it went, its summary if allowed. */
export const visitorToolSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(["running", "done", "failed"]),
  summary: z.string().optional(),
});
export type VisitorTool = z.infer<typeof visitorToolSchema>;

/** What went wrong, in words for a visitor; `reference` lets the site's operator find the detail. */
export const visitorErrorSchema = z.object({
  code: z.string(),
  message: z.string().meta({
    description:
      "For the visitor, in the widget's language: the one the request's `Accept-Language` asks for among the widget's languages (the widget's page sends its setting), else English; in a stream, the widget's setting.",
  }),
  reference: z.string(),
  retry_after_seconds: z.number().optional(),
});
export type VisitorError = z.infer<typeof visitorErrorSchema>;

/** The widget's stream: the answer, and nothing of the operator's (no scores, backends or models). */
export const visitorEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("response.created"), message_id: z.string() }),
  z.object({ type: z.literal("sources"), sources: z.array(visitorSourceSchema) }),
  z.object({ type: z.literal("output_text.delta"), delta: z.string() }),
  visitorToolSchema.extend({ type: z.literal("tool") }),
  z.object({
    type: z.literal("response.completed"),
    answer: z.string(),
    sources: z.array(visitorSourceSchema),
  }),
  z.object({ type: z.literal("error"), error: visitorErrorSchema }),
]);
export type VisitorEvent = z.infer<typeof visitorEventSchema>;

export const widgetTranscriptMessageSchema = z.object({
  id: z.string(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  status: z.string(),
  sources: z.array(visitorSourceSchema),
  tools: z.array(visitorToolSchema),
  /** The visitor's own thumbs on an answer (null: not rated). */
  rating: z.enum(["up", "down"]).nullable(),
});
export type WidgetTranscriptMessage = z.infer<typeof widgetTranscriptMessageSchema>;

export const widgetSessionResponseSchema = z.object({
  token: z.string(),
  expires_at: z.string(),
  messages: z.array(widgetTranscriptMessageSchema),
});
export type WidgetSessionResponse = z.infer<typeof widgetSessionResponseSchema>;
