// API key secrets: generated with 240 bits of randomness, stored only as SHA-256 (a fast hash is
// right for high-entropy secrets; passwords use scrypt instead), compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const KEY_PREFIX = "hth_";
const VISIBLE_LENGTH = KEY_PREFIX.length + 8;

export function generateApiKeySecret(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_PREFIX}${randomBytes(30).toString("base64url")}`;
  return { key, prefix: key.slice(0, VISIBLE_LENGTH), hash: hashSecret(key) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function visiblePrefix(secret: string): string {
  return secret.slice(0, VISIBLE_LENGTH);
}

/** Constant-time equality of two hex digests (equal length by construction). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
