import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

// Type-aware linting covers what tsconfig includes; stray .mts/.cts files get the untyped rules.
const TS_FILES = ["**/*.ts", "**/*.tsx"];

export default defineConfig([
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "node_modules/**",
    ".data/**",
    "db/migrations/**",
    "test-results/**",
    "playwright-report/**",
    "e2e/artifacts/**",
    "coverage/**",
    "tmp/**",
  ]),

  ...nextVitals,
  ...nextTs,

  // Type-aware rules (STYLE rule 25) for TypeScript only; plain .mjs/.js config files are
  // outside tsconfig and would fail type-aware parsing.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TS_FILES })),
  {
    files: TS_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      // React 19 takes async functions as JSX props (form actions, handlers); keep the rule elsewhere.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },

  // Vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`.
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },

  // STYLE rule 1: routes and UI read through db/queries and write through db/mutations.
  {
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "drizzle-orm", message: "app/ never touches Drizzle: read via @/db/queries/*, write via @/db/mutations/*." },
          ],
          patterns: [
            { group: ["drizzle-orm/*"], message: "app/ never touches Drizzle: read via @/db/queries/*, write via @/db/mutations/*." },
            { group: ["**/db/client", "**/db/client.ts"], message: "app/ never opens the database: use @/db/queries/* or @/db/mutations/*." },
            // STYLE rule 8: types and drizzle-free *.constants files are the only way into the schema.
            {
              regex: String.raw`(^|/)db/schema(/(?!.*\.constants$).*)?$`,
              allowTypeImports: true,
              message: "app/ imports only types from the schema; shared values go in db/schema/<entity>.constants.ts or lib/domain.",
            },
          ],
        },
      ],
    },
  },
]);
