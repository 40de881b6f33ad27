import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { PgliteLockedError, acquirePgliteLock, lockPathFor } from "./pglite-lock";
import { runTs, spawnTs, waitForLine } from "./test/spawn";

const OPEN_PGLITE = "db/test/fixtures/open-pglite.ts";

/** A pid that is certainly not running: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawnTs(OPEN_PGLITE, []);
  const pid = child.pid;
  await new Promise((resolve) => child.on("exit", resolve));
  if (!pid) throw new Error("could not spawn a child to get a dead pid");
  return pid;
}

function lockOwnerPid(dir: string): unknown {
  return (JSON.parse(readFileSync(lockPathFor(dir), "utf8")) as { pid?: unknown }).pid;
}

describe("PGlite folder lock", () => {
  let root: string;
  let dir: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "gongkai-lock-"));
    dir = path.join(root, "nested", "pglite");
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("refuses a second process while open, naming the owner's pid, and lets it in after close", async () => {
    const handle = createDb({ kind: "pglite", dataDir: dir });
    try {
      expect(lockOwnerPid(dir)).toBe(process.pid);
      const refused = await runTs(OPEN_PGLITE, [dir, "try"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`The embedded database at ${dir} is in use by process ${process.pid}`);
      expect(refused.stderr).toContain("Stop it, or set DATABASE_URL to use PostgreSQL.");
    } finally {
      await handle.close();
    }
    expect(existsSync(lockPathFor(dir))).toBe(false);

    const admitted = await runTs(OPEN_PGLITE, [dir, "try"]);
    expect(admitted.stderr).toBe("");
    expect(admitted.stdout.trim()).toBe("opened");
  });

  it("takes over the lock of a process that was killed", async () => {
    const holder = spawnTs(OPEN_PGLITE, [dir, "hold"]);
    try {
      await waitForLine(holder, "ready");
      let error: unknown;
      try {
        acquirePgliteLock(dir).release();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PgliteLockedError);
      expect(error instanceof Error && error.message).toContain(`in use by process ${holder.pid}`);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
    }

    const lock = acquirePgliteLock(dir);
    expect(lockOwnerPid(dir)).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock file left by a dead pid or a corrupt write", async () => {
    const lockPath = lockPathFor(dir);
    acquirePgliteLock(dir).release();
    writeFileSync(lockPath, JSON.stringify({ pid: await deadPid(), command: "npm start", startedAt: "" }));
    const lock = acquirePgliteLock(dir);
    expect(lockOwnerPid(dir)).toBe(process.pid);
    lock.release();

    writeFileSync(lockPath, "{not json");
    acquirePgliteLock(dir).release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it("refuses to lock the same folder twice in one process", () => {
    const lock = acquirePgliteLock(dir);
    try {
      expect(() => acquirePgliteLock(dir)).toThrow(/in use by this process \(opened twice\)/);
    } finally {
      lock.release();
    }
  });
});
