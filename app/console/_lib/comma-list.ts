// A form field holding a comma-separated list ("a, b, c"), read as the trimmed, non-empty items.
import { z } from "zod";

export const commaListField = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);
