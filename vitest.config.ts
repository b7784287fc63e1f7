import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    // Tests that run the real CLI (`node bin/holofleet.js`) run dist/: rebuilt here when src/ changed.
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here and in CI: more workers only add contention.
    maxWorkers: 2,
  },
});
