// Lint: Next's rules, typescript-eslint's type-checked rules, only server/env.ts reads process.env,
// and console client code imports only server/schemas (see CONTRIBUTING.md). The layering of the
// modules and the absence of import cycles are dependency-cruiser's (.dependency-cruiser.cjs);
// formatting is Prettier's. `npm run lint` runs all three.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

const envOnly = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "Read configuration through server/env.ts (the one validated env module).",
};

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "data/**",
      "server/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "public/**",
      "scripts/**",
      "*.config.mjs",
      ".dependency-cruiser.cjs",
    ],
  },
  ...nextVitals,
  ...nextTs,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", envOnly],
      // Async functions without await are common in adapters (Next's config hooks, Prisma's).
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // The env module itself; the launcher, which forwards the environment to Next; tool configs
    // (next.config.ts runs at build time, before and outside the app).
    files: [
      "server/env.ts",
      "server/cli/start.ts",
      "instrumentation.ts",
      "next.config.ts",
      "playwright.config.ts",
      "playwright.cluster.config.ts",
      "vitest.config.ts",
      "prisma.config.ts",
      "e2e/**",
      "server/test/**",
      "**/*.test.ts",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["app/console/_components/**", "app/console/_lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/*", "!@/server/schemas", "!@/server/schemas/*"],
              allowTypeImports: true,
              message: "Client code may import only server/schemas (and types, such as AppRouter).",
            },
          ],
        },
      ],
    },
  },
);
