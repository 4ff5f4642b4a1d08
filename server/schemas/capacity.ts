// The capacity planner's answer: per assistant, how many concurrent users its backends carry
// within its SLA, as configured and with its whole degradation ladder applied.
import { z } from "zod";
import { idSlugSchema } from "./common";
import { slaControlSchema } from "./assistant";

export const capacityQuerySchema = z.strictObject({
  users: z.coerce.number().int().min(1).max(1_000_000).optional().meta({
    description: "A target number of concurrent users: the answer says how many backends it needs.",
  }),
  assistant_id: idSlugSchema.optional().meta({ description: "Only this assistant." }),
});
export type CapacityQuery = z.infer<typeof capacityQuerySchema>;

const backendCapacitySchema = z.object({
  backend_id: z.string(),
  backend: z.string(),
  learned: z.boolean().meta({
    description:
      "Whether the figure comes from the backend's own answers (false: the defaults, before it answered).",
  }),
  max_users: z.number().int().meta({
    description: "Concurrent users (one question in flight each) within the SLA on this backend alone.",
  }),
});

const planCapacitySchema = z.object({
  model: z.string(),
  reasoning_effort: z.enum(["low", "medium", "high"]),
  max_output_tokens: z.number().int().nullable(),
  backends: z.array(backendCapacitySchema),
  max_users: z.number().int().meta({ description: "The sum over the backends serving the model." }),
  backends_needed: z.number().int().nullable().meta({
    description:
      "Backends like these needed for `users` (null without `users`, or when even one user would break the SLA).",
  }),
});

export const assistantCapacitySchema = z.object({
  assistant_id: z.string(),
  name: z.string(),
  sla: z.object({ avg_ms: z.number().int(), p95_ms: z.number().int().nullable(), control: slaControlSchema }),
  as_configured: planCapacitySchema,
  degraded: planCapacitySchema.nullable().meta({
    description: "With every step of the ladder applied (null when the ladder is empty).",
  }),
  load_test: z
    .object({
      id: z.string(),
      finished_at: z.string().nullable(),
      max_users_within_sla: z.number().int().nullable(),
    })
    .nullable()
    .meta({ description: "The assistant's latest completed load test: what was measured." }),
});

export const capacitySchema = z
  .object({
    object: z.literal("capacity"),
    users: z.number().int().nullable(),
    assistants: z.array(assistantCapacitySchema),
  })
  .meta({
    id: "Capacity",
    description:
      "Predicted from this replica's completion model (learned from recent answers), per assistant as if it had " +
      "the backends to itself, next to the latest load test's measurement.",
  });
export type CapacityDto = z.infer<typeof capacitySchema>;
export type AssistantCapacity = z.infer<typeof assistantCapacitySchema>;
