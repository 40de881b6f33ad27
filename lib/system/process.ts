/**
 * Runs one external program: bytes on stdin, bytes from stdout, a time limit after which the
 * whole process group is killed (soffice starts a child of its own), and a cap on the output.
 * Part of lib/system, the one place under lib/ that does I/O (see ./index.ts).
 */
import { spawn } from "node:child_process";

export interface RunOptions {
  input?: Uint8Array;
  timeoutMs: number;
  /** Output beyond this many bytes kills the process. */
  maxOutputBytes?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  /** CPU time of the child (user + system), in milliseconds, where the platform reports it. */
  cpuMs: number | null;
}

export class ProcessError extends Error {
  constructor(
    message: string,
    readonly reason: "timeout" | "exit" | "spawn" | "output",
  ) {
    super(message);
  }
}

export function runProcess(command: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["pipe", "pipe", "pipe"],
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      // Own process group, so a timeout kills the children too.
      detached: true,
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = "";
    let failure: ProcessError | null = null;
    const max = opts.maxOutputBytes ?? 256 * 1024 * 1024;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const timer = setTimeout(() => {
      failure = new ProcessError(`${command} did not finish within ${Math.round(opts.timeoutMs / 1000)} s and was stopped`, "timeout");
      killGroup();
    }, opts.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > max) {
        failure ??= new ProcessError(`${command} wrote more than ${Math.round(max / 1048576)} MB`, "output");
        killGroup();
        return;
      }
      out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (err.length < 8000) err += chunk.toString("utf8");
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new ProcessError(`${command} could not be started: ${e.message}`, "spawn"));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const tail = err.trim().split("\n").slice(-3).join(" ").slice(0, 400);
        return reject(new ProcessError(`${command} exited with ${code ?? signal}${tail ? `: ${tail}` : ""}`, "exit"));
      }
      resolve({ stdout: Buffer.concat(out), stderr: err, cpuMs: null });
    });
    // A child that exits before reading all of stdin closes the pipe: not our error.
    child.stdin.on("error", () => undefined);
    if (opts.input) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}
