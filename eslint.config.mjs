// Lint: Next's rules, typescript-eslint's type-checked rules, and the layering rules of STYLE.md
// (services know nothing of Next or tRPC; app/ reaches data only through services; only
// server/env.ts reads process.env). Formatting is Prettier's job (`npm run lint` runs both).
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
      "vitest.config.ts",
      "prisma.config.ts",
      "e2e/**",
      "server/test/**",
      "**/*.test.ts",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: ["server/services/**", "server/db/**", "server/schemas/**", "server/simulator/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*"], message: "Services and data code know nothing of Next.js." },
            { group: ["@trpc/server", "@trpc/server/*"], message: "Services know nothing of tRPC." },
            {
              group: ["**/trpc/**", "**/http/**", "@/server/trpc/*", "@/server/http/*"],
              message: "Services may not import the adapters (server/trpc, server/http).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/db", "@/server/db/*", "**/server/db/**"],
              message: "app/ reaches the database only through services.",
            },
          ],
        },
      ],
    },
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
