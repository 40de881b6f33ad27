/** Runs a TypeScript file in a child Node process through tsx, as the npm scripts do. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  return merged;
}

export function spawnTs(file: string, args: string[] = [], env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.resolve(file), ...args], {
    cwd: process.cwd(),
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs to completion and collects the output. */
export function runTs(file: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawnTs(file, args, env);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves once the child prints `line` on stdout; rejects if it exits first. */
export function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.split("\n").includes(line)) resolve();
    });
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => reject(new Error(`child exited (${code}) before printing "${line}": ${err || out}`)));
  });
}
