import { randomBytes } from "node:crypto";

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

export const newFileId = () => id("file");
export const newVectorStoreId = () => id("vs");
export const newVectorStoreFileId = () => id("vsf");
