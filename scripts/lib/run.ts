import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A dependency's executable from node_modules/.bin, so scripts never depend on PATH or npx. */
export function localBin(name: string): string {
  return join(ROOT, "node_modules", ".bin", name);
}

export type RunOptions = { env?: NodeJS.ProcessEnv };

/** Runs a command in the repo root with inherited stdio; resolves to its exit code (1 if killed). */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: options.env ?? process.env });
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}
