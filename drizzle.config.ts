import { defineConfig } from "drizzle-kit";

// Generate only (`npm run db:generate -- --name <what-changed>`); migrations are applied by
// `npm run db:migrate` or at start-up, never by `drizzle-kit push`.
export default defineConfig({
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dialect: "postgresql",
  strict: true,
  verbose: true,
});
