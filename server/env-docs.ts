// Writes the configuration's two documents from the env schema (server/env.ts): .env.example, an
// environment file with every variable's description and default, and docs/configuration.md, the
// reference table. The descriptions live once, in the schema's `envDocs` registry; this module only
// lays them out. `npm run docs:config` (server/cli/docs-config.ts) writes the files, and
// env-docs.test.ts fails when the committed ones differ from what this module makes of the schema.
import path from "node:path";
import * as prettier from "prettier";
import { z } from "zod";
import { envDocs, envGroups, envSchema, type EnvGroup, type EnvVarDoc } from "./env";

/** A family of variables that the schema cannot list by name (Hearth reads them on demand). */
export interface EnvPattern {
  name: string;
  group: EnvGroup;
  description: string;
  /** The name and value .env.example shows for it. */
  example: { name: string; value: string };
}

export const envPatterns: EnvPattern[] = [
  {
    name: "HEARTH_BACKEND_KEY_*",
    group: "models",
    description:
      "Keys for backends added in the console or the API, named in a backend's `api_key_env`. Only variables " +
      "starting with `HEARTH_BACKEND_KEY_` can be named, and only admins may set `api_key_env`.",
    example: { name: "HEARTH_BACKEND_KEY_VLLM", value: "" },
  },
];

/** One variable as both documents show it. */
export interface DocumentedVariable extends EnvVarDoc {
  name: string;
  /** The schema's own default, as an environment file would spell it; null when it has none. */
  schemaDefault: string | null;
}

type Shape = Record<string, z.ZodType>;

function schemaDefaultOf(schema: z.ZodType): string | null {
  if (!(schema instanceof z.ZodDefault)) return null;
  return String(schema.def.defaultValue);
}

/**
 * Every variable of the schema with its documentation, in the schema's order. Throws when a
 * variable has none, or shares its schema object (hence its documentation) with another.
 */
export function documentedVariables(
  shape: Shape = envSchema.shape,
  registry: z.core.$ZodRegistry<EnvVarDoc> = envDocs,
): DocumentedVariable[] {
  const seen = new Map<z.ZodType, string>();
  return Object.entries(shape).map(([name, schema]) => {
    const doc = registry.get(schema);
    if (!doc) throw new Error(`${name} has no documentation: register it in envDocs (server/env.ts)`);
    const twin = seen.get(schema);
    if (twin) throw new Error(`${name} shares its schema object with ${twin}: give each variable its own`);
    seen.set(schema, name);
    const variable = { ...doc, name, schemaDefault: schemaDefaultOf(schema) };
    if (variable.set && variable.schemaDefault === null) {
      throw new Error(`${name} is set in .env.example but has no default in the schema`);
    }
    return variable;
  });
}

const groupOrder = Object.keys(envGroups) as EnvGroup[];

/** A guide's path from the repository's root (the groups name them from docs/). */
const guidePath = (group: EnvGroup) => path.posix.join("docs", envGroups[group].guide);

/** Words to lines of at most `width` characters, each starting with `prefix`. */
function wrap(text: string, prefix: string, width = 100): string[] {
  const lines: string[] = [];
  let line = prefix;
  for (const word of text.split(/\s+/)) {
    if (line.length > prefix.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = prefix;
    }
    line += line.length > prefix.length ? ` ${word}` : word;
  }
  lines.push(line);
  return lines;
}

function envExampleEntry(variable: DocumentedVariable): string[] {
  const text = variable.default
    ? `${variable.description} Default: ${variable.default}.`
    : variable.description;
  const value = variable.set ? variable.schemaDefault : (variable.example ?? variable.schemaDefault ?? "");
  return [...wrap(text, "# "), `${variable.set ? "" : "# "}${variable.name}=${value}`];
}

function patternEntry(pattern: EnvPattern): string[] {
  return [...wrap(pattern.description, "# "), `# ${pattern.example.name}=${pattern.example.value}`];
}

const envExampleHeader = [
  "# Hearth's configuration: every variable it reads, with its default. Each one is optional.",
  "# GENERATED from server/env.ts by `npm run docs:config`: change the descriptions there, not here.",
  "#",
  "# The launcher (`npm start`, `npm run dev`) reads the process environment: export these, or put",
  "# them in your service manager's unit. A bad value stops start-up with a message naming it.",
  "# Uncommented lines show the defaults; commented ones are unset by default, with an example.",
  "# The reference, with the same text: docs/configuration.md.",
];

export function renderEnvExample(
  variables: DocumentedVariable[] = documentedVariables(),
  patterns: EnvPattern[] = envPatterns,
): string {
  const sections = groupOrder.flatMap((group) => {
    const entries = [
      ...variables.filter((v) => v.group === group && !v.internal).map(envExampleEntry),
      ...patterns.filter((p) => p.group === group).map(patternEntry),
    ];
    if (entries.length === 0) return [];
    const title = `# --- ${envGroups[group].title} (see ${guidePath(group)}) `;
    return [["", title.padEnd(100, "-"), ...entries.flatMap((entry) => entry)].join("\n")];
  });
  return `${[envExampleHeader.join("\n"), ...sections].join("\n")}\n`;
}

/** A table cell: Markdown as written, with the characters that would end the cell escaped. */
const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

function defaultCell(variable: DocumentedVariable): string {
  if (variable.default) return variable.default;
  return variable.schemaDefault === null ? "" : `\`${variable.schemaDefault}\``;
}

function table(rows: string[][]): string[] {
  return [
    "| Variable | Default | Meaning |",
    "| --- | --- | --- |",
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ];
}

const configurationIntro = `# Configuration

<!-- GENERATED from server/env.ts by \`npm run docs:config\`: change the descriptions there, not here. -->

Hearth reads its configuration from environment variables, once, at start-up: set them in the
environment of \`npm start\` (or of your service manager). Every one is optional: with none, Hearth
serves on <http://127.0.0.1:3000> with the embedded database under \`./data\` and no model. A bad value
stops start-up with a message naming the variable. [\`.env.example\`](../.env.example) lists the same
variables, with the same descriptions, as an environment file.

A few settings are changed at run time by an admin in the console and stored in the database (public
base URL, default model, default SLA, backend host allowlist, audit retention); empty, they fall back
to the variables below. See [the console's settings](console.md#settings).`;

export function renderConfigurationMarkdown(
  variables: DocumentedVariable[] = documentedVariables(),
  patterns: EnvPattern[] = envPatterns,
): string {
  const sections = groupOrder.flatMap((group) => {
    const rows = [
      ...variables
        .filter((v) => v.group === group && !v.internal)
        .map((v) => [`\`${v.name}\``, defaultCell(v), v.description]),
      ...patterns.filter((p) => p.group === group).map((p) => [`\`${p.name}\``, "", p.description]),
    ];
    if (rows.length === 0) return [];
    const guide = path.posix.relative("docs", guidePath(group));
    const link = `See also [${path.posix.basename(guide)}](${guide}).`;
    return [[`## ${envGroups[group].title}`, "", link, "", ...table(rows)].join("\n")];
  });
  const internal = variables
    .filter((v) => v.internal)
    .map((v) => [`\`${v.name}\``, defaultCell(v), v.description]);
  const internalSection = [
    "## Set by Hearth itself",
    "",
    "The launcher and the build set these for the server; they are listed for completeness, not to be set.",
    "",
    ...table(internal),
  ].join("\n");
  return `${[configurationIntro, ...sections, internalSection].join("\n\n")}\n`;
}

/** The generated files, by path from the repository's root, formatted as `prettier --check` wants. */
export async function generatedConfigFiles(root: string): Promise<{ path: string; text: string }[]> {
  const markdownPath = path.join(root, "docs/configuration.md");
  const options = (await prettier.resolveConfig(markdownPath)) ?? {};
  const markdown = await prettier.format(renderConfigurationMarkdown(), {
    ...options,
    filepath: markdownPath,
  });
  return [
    { path: ".env.example", text: renderEnvExample() },
    { path: "docs/configuration.md", text: markdown },
  ];
}
