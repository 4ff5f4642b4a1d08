import { randomBytes } from "node:crypto";

export const newId = (prefix: "sess" | "msg" | "eu") => `${prefix}_${randomBytes(12).toString("hex")}`;
