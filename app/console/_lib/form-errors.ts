// Wording for zod's generic messages in console forms ("At least 1" rather than "Too small:
// expected number to be >=1"). Messages written into a schema take precedence over these.
import type { z } from "zod";

export const formErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.expected === "number") return "Enter a number";
  if (issue.code === "invalid_type" && issue.expected === "int") return "Enter a whole number";
  if (issue.code === "too_small" && issue.origin === "number")
    return issue.inclusive ? `At least ${String(issue.minimum)}` : `Greater than ${String(issue.minimum)}`;
  if (issue.code === "too_big" && issue.origin === "number") return `At most ${String(issue.maximum)}`;
  if (issue.code === "too_small" && issue.origin === "string") return "Required";
  if (issue.code === "too_big" && issue.origin === "string")
    return `At most ${String(issue.maximum)} characters`;
  if (issue.code === "too_big" && issue.origin === "array") return `At most ${String(issue.maximum)} items`;
  return undefined;
};
