import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "src/catalog/generated/**", "out/**", ".holofleet/**", "coverage/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "error",
    },
  },
  {
    // Only the shells talk to the terminal.
    files: ["src/cli/**", "scripts/**", "bench/**", "bin/**", "test/**"],
    rules: { "no-console": "off" },
  },
);
