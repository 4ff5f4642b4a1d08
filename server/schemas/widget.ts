// The embeddable chat widget: its settings (console) and the embed endpoints' bodies (the iframe).
import { z } from "zod";
import { citationSchema } from "./chat";

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
}

export const widgetSessionInputSchema = z.object({
  /** The token this browser kept from an earlier visit, to continue its conversation. */
  resume_token: z.string().max(2048).optional(),
});

export const widgetStreamInputSchema = z.object({
  message: z.string(),
});

export const widgetTranscriptMessageSchema = z.object({
  id: z.string(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  status: z.string(),
  citations: z.array(citationSchema),
});
export type WidgetTranscriptMessage = z.infer<typeof widgetTranscriptMessageSchema>;

export const widgetSessionResponseSchema = z.object({
  token: z.string(),
  expires_at: z.string(),
  messages: z.array(widgetTranscriptMessageSchema),
});
export type WidgetSessionResponse = z.infer<typeof widgetSessionResponseSchema>;
