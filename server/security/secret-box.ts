// Encrypts backend API keys (and tools' secret headers) at rest (AES-256-GCM) with a key derived from the server secret, so a
// database dump alone does not reveal them. Changing HEARTH_AUTH_SECRET makes them unreadable:
// the backend then reports a clear error and the key must be entered again.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "../env";
import { AppError } from "../errors";

function key(): Buffer {
  if (!env.HEARTH_AUTH_SECRET) throw new AppError("UNAVAILABLE", "HEARTH_AUTH_SECRET is not set");
  return createHash("sha256").update(`hearth:backend-api-key:${env.HEARTH_AUTH_SECRET}`).digest();
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    "v1",
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

/** `what` names the secret in the error a changed server secret gives. */
export function openSecret(sealed: string, what = "A backend API key"): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new AppError("INTERNAL", "Unreadable stored secret");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new AppError(
      "UNAVAILABLE",
      `${what} cannot be decrypted (was HEARTH_AUTH_SECRET changed?); enter it again`,
    );
  }
}
