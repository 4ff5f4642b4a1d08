// The webhook form, to add one or to edit it: the API's own fields and checks. The URL and the
// secret are never shown again once saved, so when editing an empty field keeps what is stored;
// removing the secret is a box to tick. Adding, an empty secret means none.
import { z } from "zod";
import {
  alertFormatSchema,
  webhookUrlProblem,
  type AlertDestinationDto,
  type CreateAlertDestinationInput,
  type UpdateAlertDestinationInput,
} from "@/server/schemas/alerts";

const urlField = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, context) => {
    const problem = value === "" ? null : webhookUrlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: `The URL ${problem}` });
  });

export const destinationFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120),
  format: alertFormatSchema,
  url: urlField,
  secret: z
    .string()
    .refine(
      (value) => value === "" || (value.length >= 16 && value.length <= 256),
      "16 to 256 characters, or none",
    ),
  remove_secret: z.boolean(),
  enabled: z.boolean(),
});
export type DestinationFormValues = z.input<typeof destinationFormSchema>;
export type DestinationFormOutput = z.output<typeof destinationFormSchema>;

/** Adding, the URL is required (editing, empty keeps it). */
export const newDestinationFormSchema = destinationFormSchema.refine((values) => values.url !== "", {
  path: ["url"],
  message: "Enter the webhook's URL",
});

export const newDestinationDefaults: DestinationFormValues = {
  name: "",
  format: "slack",
  url: "",
  secret: "",
  remove_secret: false,
  enabled: true,
};

export function toDestinationFormValues(destination: AlertDestinationDto): DestinationFormValues {
  return {
    name: destination.name,
    format: destination.format,
    url: "",
    secret: "",
    remove_secret: false,
    enabled: destination.enabled,
  };
}

export function toCreateDestination(values: DestinationFormOutput): CreateAlertDestinationInput {
  return {
    name: values.name,
    format: values.format,
    url: values.url,
    ...(values.secret ? { secret: values.secret } : {}),
    ...(values.enabled ? {} : { enabled: false }),
  };
}

/** Only what changed: the URL and the secret when typed; removing the secret wins over a new one. */
export function toDestinationPatch(
  values: DestinationFormOutput,
  current: AlertDestinationDto,
): UpdateAlertDestinationInput {
  const patch: UpdateAlertDestinationInput = {};
  if (values.name !== current.name) patch.name = values.name;
  if (values.format !== current.format) patch.format = values.format;
  if (values.enabled !== current.enabled) patch.enabled = values.enabled;
  if (values.url) patch.url = values.url;
  if (values.remove_secret && current.has_secret) patch.secret = null;
  else if (values.secret) patch.secret = values.secret;
  return patch;
}
