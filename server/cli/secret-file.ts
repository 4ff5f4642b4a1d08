// Secrets the launcher keeps in the data directory when the environment gives none (the auth
// secret, the embedded database's password): made once, at random, in a file only its owner may
// read (tightened again on every start), then read back.
import { randomBytes } from "node:crypto";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";

export function readOrCreateSecret(file: string, bytes: number): string {
  try {
    writeFileSync(file, randomBytes(bytes).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    chmodSync(file, 0o600);
  }
  const secret = readFileSync(file, "utf8").trim();
  if (!secret) throw new Error(`The secret file ${file} is empty: delete it to make a new one`);
  return secret;
}
