// Type-aware lint: floating promises and type-only imports are errors everywhere;
// workflow code may not import Node built-ins (Temporal's sandbox would reject them at run time).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "build/", "public/build/", ".tools/", ".state/", ".data/", "**/*.cjs", "scripts/vectors/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["*.js", "bin/*.js"] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["workflows/**/*.workflow.ts", "workflows/**/workflows.ts", "workflows/**/*-workflow.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*", "fs", "path", "os", "crypto", "child_process", "pg", "kysely"], message: "Workflow code is deterministic: no I/O or Node built-ins." }] }],
    },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
);
