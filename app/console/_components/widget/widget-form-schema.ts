// The widget settings form's values and validation. Inputs hold text (origins one per line, rate
// limits as numbers typed); the schema turns them into the settings with the server's own field
// schemas, so the form refuses what the server would, with its messages.
import { z } from "zod";
import { widgetSettingsSchema, type WidgetDto, type WidgetSettings } from "@/server/schemas/widget";
import { formErrorMap } from "../../_lib/form-errors";

const fields = widgetSettingsSchema.shape;

/** Origins typed one per line (any whitespace separates them); each problem names its origin. */
const originsField = z.string().transform((value, ctx) => {
  const origins = value.split(/\s+/).filter(Boolean);
  const result = fields.allowed_origins.safeParse(origins, { error: formErrorMap });
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
  return z.NEVER;
});

function requiredNumber<T extends z.ZodType<number, number>>(target: T) {
  return z
    .string()
    .refine((value) => value.trim() !== "", "Required")
    .transform(Number)
    .pipe(target);
}

export const widgetFormSchema = z.object({
  enabled: fields.enabled,
  allowed_origins: originsField,
  title: fields.title,
  greeting: fields.greeting,
  primary_color: fields.primary_color,
  position: fields.position,
  rate_per_minute_per_ip: requiredNumber(fields.rate_per_minute_per_ip),
  rate_per_minute_per_session: requiredNumber(fields.rate_per_minute_per_session),
  rate_per_minute: requiredNumber(fields.rate_per_minute),
  sources: fields.sources,
  tool_activity: fields.tool_activity,
  language: fields.language,
}) satisfies z.ZodType<WidgetSettings, unknown>;

export type WidgetFormValues = z.input<typeof widgetFormSchema>;
export type WidgetFormOutput = z.output<typeof widgetFormSchema>;

export function toFormValues(widget: WidgetDto): WidgetFormValues {
  return {
    enabled: widget.enabled,
    allowed_origins: widget.allowed_origins.join("\n"),
    title: widget.title,
    greeting: widget.greeting,
    primary_color: widget.primary_color,
    position: widget.position,
    rate_per_minute_per_ip: String(widget.rate_per_minute_per_ip),
    rate_per_minute_per_session: String(widget.rate_per_minute_per_session),
    rate_per_minute: String(widget.rate_per_minute),
    sources: widget.sources,
    tool_activity: widget.tool_activity,
    language: widget.language,
  };
}

/**
 * The edits to keep when the saved widget changes under the form (Allow on a refused origin saves
 * at once): every field the user changed from `before` and has not saved, as typed. Origins the
 * server allowed meanwhile join a typed origins list, so that saving the edit does not drop them.
 */
export function unsavedEdits(
  typed: WidgetFormValues,
  before: WidgetDto,
  after: WidgetDto,
): Partial<WidgetFormValues> {
  const saved = toFormValues(before);
  const edits: Partial<WidgetFormValues> = Object.fromEntries(
    Object.entries(typed).filter(([name, value]) => saved[name as keyof WidgetFormValues] !== value),
  );
  if (edits.allowed_origins === undefined) return edits;
  const typedOrigins = edits.allowed_origins.split(/\s+/).filter(Boolean);
  const added = after.allowed_origins.filter(
    (origin) => !before.allowed_origins.includes(origin) && !typedOrigins.includes(origin),
  );
  if (added.length) edits.allowed_origins = [...typedOrigins, ...added].join("\n");
  return edits;
}

/** The colour picker shows the typed colour once it is one; until then, black. */
export const pickerColour = (typed: string) => (/^#[0-9a-fA-F]{6}$/.test(typed) ? typed : "#000000");
