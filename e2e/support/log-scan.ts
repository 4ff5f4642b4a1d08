// The secrets a run's server log must never hold, and the scan for them (run by
// e2e/global-teardown.ts). Secrets are the values of the server's environment whose names say
// they are one, the files of the data directory whose names say so (the launcher's generated
// auth secret, the embedded database's password), and the password of E2E_DATABASE_URL; beside
// them, anything shaped like a bearer credential Hearth issues during the run (API keys, widget
// tokens) or an operator stores (backends' OpenAI-style keys). A finding names the line and the
// kind of secret, never the secret.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface Secret {
  name: string;
  value: string;
}

export interface Leak {
  line: number;
  secrets: string[];
}

const SECRET_NAME = /(?:SECRET|PASSWORD|TOKEN|KEY)$|_KEY_/;
const SECRET_FILE = /secret|password/i;
/** Shorter values would match innocent text; no secret of a run is this short. */
const MIN_SECRET_LENGTH = 8;

/**
 * Credentials by their shape, whoever minted them. An API key is `hth_` and 40 base64url
 * characters, of which `hth_` and 8 are its public prefix (shown in the console, fine in a log):
 * 16 or more is a leak. The master key of the run has the same shape and is reported by name.
 */
const CREDENTIAL_SHAPES: { name: string; pattern: RegExp }[] = [
  { name: "an API key (hth_…)", pattern: /(?<![\w-])hth_[\w-]{16,}/g },
  { name: "a widget token (hwt1.…)", pattern: /(?<![\w-])hwt1\.[\w-]{16,}\.[\w-]{16,}/g },
  { name: "an OpenAI-style key (sk-…)", pattern: /(?<![\w-])sk-[\w-]{16,}/g },
];

/** The secrets of a run: see the file's opening paragraph. Throws if one is missing or too short. */
export function runSecrets(options: {
  serverEnv: Record<string, string>;
  dataDir: string;
  databaseUrl?: string;
  /** Files of the data directory that must be there (e.g. the auth secret the launcher generates). */
  requiredFiles: string[];
}): Secret[] {
  const secrets: Secret[] = Object.entries(options.serverEnv)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== "")
    .map(([name, value]) => ({ name, value }));
  for (const file of readdirSync(options.dataDir)) {
    const full = path.join(options.dataDir, file);
    if (SECRET_FILE.test(file) && statSync(full).isFile()) {
      secrets.push({ name: `<data dir>/${file}`, value: readFileSync(full, "utf8").trim() });
    }
  }
  for (const file of options.requiredFiles) {
    if (!secrets.some((secret) => secret.name === `<data dir>/${file}`)) {
      throw new Error(`log scan: <data dir>/${file} is missing, so its secret cannot be looked for`);
    }
  }
  const password = options.databaseUrl ? decodeURIComponent(new URL(options.databaseUrl).password) : "";
  if (password) secrets.push({ name: "the password of E2E_DATABASE_URL", value: password });
  for (const secret of secrets) {
    if (secret.value.length < MIN_SECRET_LENGTH) {
      throw new Error(`log scan: ${secret.name} is shorter than ${MIN_SECRET_LENGTH} characters`);
    }
  }
  return secrets;
}

/** A secret as it may be written: as is, inside a JSON string (pino), or URL-encoded. */
function spellings(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])];
}

/** The lines (1-based) holding a secret or a credential, and what they hold. */
export function findLeaks(text: string, secrets: Secret[]): Leak[] {
  const known = secrets.map((secret) => ({ name: secret.name, spellings: spellings(secret.value) }));
  const leaks: Leak[] = [];
  text.split("\n").forEach((line, index) => {
    const found = new Set<string>();
    for (const secret of known) {
      if (secret.spellings.some((spelling) => line.includes(spelling))) found.add(secret.name);
    }
    for (const shape of CREDENTIAL_SHAPES) {
      for (const [match] of line.matchAll(shape.pattern)) {
        const named = known.some((secret) => secret.spellings.some((spelling) => match.includes(spelling)));
        if (!named) found.add(shape.name);
      }
    }
    if (found.size > 0) leaks.push({ line: index + 1, secrets: [...found] });
  });
  return leaks;
}

/**
 * True when the log holds a line of Hearth's own logger at info or below: the proof that its
 * structured logs reached the file at a level worth scanning (an empty or foreign file is not).
 */
export function hasHearthInfoLine(text: string): boolean {
  return text.split("\n").some((line) => {
    if (!line.startsWith("{")) return false;
    try {
      const entry = JSON.parse(line) as { service?: unknown; level?: unknown };
      return entry.service === "hearth" && typeof entry.level === "number" && entry.level <= 30;
    } catch {
      return false;
    }
  });
}
