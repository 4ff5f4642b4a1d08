import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { envSchema, parseEnv, type EnvVarDoc } from "./env";
import {
  documentedVariables,
  generatedConfigFiles,
  renderConfigurationMarkdown,
  renderEnvExample,
} from "./env-docs";

const root = path.resolve(import.meta.dirname, "..");

/** The `NAME=value` lines of an environment file, commented out or not. */
function assignments(text: string): { name: string; value: string; commented: boolean }[] {
  return text.split("\n").flatMap((line) => {
    const match = /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    return match ? [{ commented: Boolean(match[1]), name: match[2]!, value: match[3]! }] : [];
  });
}

describe("the generated configuration files", () => {
  test("the committed .env.example and docs/configuration.md are what server/env.ts generates", async () => {
    for (const file of await generatedConfigFiles(root)) {
      const committed = readFileSync(path.join(root, file.path), "utf8");
      expect(
        committed,
        `${file.path} differs from what the env schema generates: run \`npm run docs:config\``,
      ).toBe(file.text);
    }
  });

  test("every variable people set is in both files, and those Hearth sets are not in .env.example", () => {
    const example = renderEnvExample();
    const markdown = renderConfigurationMarkdown();
    const listed = new Set(assignments(example).map((line) => line.name));
    for (const variable of documentedVariables()) {
      expect(markdown).toContain(`\`${variable.name}\``);
      expect(listed.has(variable.name), variable.name).toBe(!variable.internal);
    }
    expect(listed.has("HEARTH_BACKEND_KEY_VLLM")).toBe(true);
  });

  test("every value .env.example shows is valid for its variable", () => {
    const shape: Record<string, z.ZodType> = envSchema.shape;
    for (const { name, value } of assignments(renderEnvExample())) {
      if (!(name in shape) || value === "") continue;
      expect(shape[name]!.safeParse(value).error, `${name}=${value}`).toBeUndefined();
    }
  });

  test("the lines .env.example sets are the defaults: uncommented, they change nothing", () => {
    const set = assignments(renderEnvExample()).filter((line) => !line.commented);
    expect(set.length).toBeGreaterThan(20);
    const fromFile = parseEnv(Object.fromEntries(set.map((line) => [line.name, line.value])));
    const defaults = parseEnv({});
    for (const { name } of set) {
      expect(fromFile[name as keyof typeof fromFile], name).toEqual(defaults[name as keyof typeof defaults]);
    }
  });
});

describe("documentedVariables", () => {
  const docs = () => z.registry<EnvVarDoc>();

  test("names a variable without documentation", () => {
    const registry = docs();
    const shape = {
      DOCUMENTED: z.string().optional().register(registry, { group: "server", description: "Yes." }),
      FORGOTTEN: z.string().optional(),
    };
    expect(() => documentedVariables(shape, registry)).toThrow(/^FORGOTTEN has no documentation/);
  });

  test("refuses two variables sharing one schema object, whose documentation would be the same", () => {
    const registry = docs();
    const shared = z.string().optional().register(registry, { group: "server", description: "Which one?" });
    expect(() => documentedVariables({ FIRST: shared, SECOND: shared }, registry)).toThrow(
      /^SECOND shares its schema object with FIRST/,
    );
  });

  test("refuses a variable set in .env.example that has no default to set it to", () => {
    const registry = docs();
    const shape = {
      NO_DEFAULT: z.string().optional().register(registry, { group: "server", description: "x", set: true }),
    };
    expect(() => documentedVariables(shape, registry)).toThrow(/^NO_DEFAULT is set in .env.example/);
  });

  test("lays out defaults, examples and internal variables as documented", () => {
    const registry = docs();
    const shape = {
      WITH_DEFAULT: z.coerce
        .number()
        .default(8)
        .register(registry, { group: "data", description: "Set.", set: true }),
      DERIVED: z.string().optional().register(registry, {
        group: "data",
        description: "Derived.",
        default: "the data dir",
        example: "/srv/x",
      }),
      SECRET_INSIDE: z.string().optional().register(registry, {
        group: "data",
        description: "Hearth's own.",
        internal: true,
      }),
    };
    const variables = documentedVariables(shape, registry);
    const example = renderEnvExample(variables, []);
    expect(example).toContain("# Set.\nWITH_DEFAULT=8\n");
    expect(example).toContain("# Derived. Default: the data dir.\n# DERIVED=/srv/x\n");
    expect(example).not.toContain("SECRET_INSIDE");
    const markdown = renderConfigurationMarkdown(variables, []);
    expect(markdown).toContain("| `WITH_DEFAULT` | `8` | Set. |");
    expect(markdown).toContain("| `DERIVED` | the data dir | Derived. |");
    expect(markdown).toMatch(/## Set by Hearth itself[\s\S]*`SECRET_INSIDE`/);
  });
});
