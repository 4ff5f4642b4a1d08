// The "Add webhook" form: the API's own fields and checks, with a blank secret meaning none.
import { z } from "zod";
import {
  alertFormatSchema,
  webhookUrlProblem,
  type CreateAlertDestinationInput,
} from "@/server/schemas/alerts";

export const destinationFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120),
  format: alertFormatSchema,
  url: z
    .string()
    .trim()
    .min(1, "Enter the webhook's URL")
    .max(2048)
    .superRefine((value, context) => {
      const problem = webhookUrlProblem(value);
      if (problem) context.addIssue({ code: "custom", message: `The URL ${problem}` });
    }),
  secret: z
    .string()
    .refine(
      (value) => value === "" || (value.length >= 16 && value.length <= 256),
      "16 to 256 characters, or none",
    ),
});
export type DestinationFormValues = z.input<typeof destinationFormSchema>;

export const newDestinationDefaults: DestinationFormValues = {
  name: "",
  format: "slack",
  url: "",
  secret: "",
};

export function toCreateDestination(
  values: z.output<typeof destinationFormSchema>,
): CreateAlertDestinationInput {
  return {
    name: values.name,
    format: values.format,
    url: values.url,
    ...(values.secret ? { secret: values.secret } : {}),
  };
}
