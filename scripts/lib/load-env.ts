// Side-effect module, imported first by the scripts: loads .env files exactly as Next does
// (same package, same precedence; variables already set — even to "" — win), so a setting in
// .env means the same to `npm start`'s migrations as to the server it starts.
import nextEnv from "@next/env";
import { ROOT } from "./run";

nextEnv.loadEnvConfig(ROOT, false, { info: () => undefined, error: (...args: unknown[]) => console.error(...args) });
