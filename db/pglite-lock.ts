/**
 * A cross-process lock for the embedded PGlite folder. PGlite has none of its own, and two
 * processes writing the same data directory corrupt it silently, so the second opener must fail.
 * The lock is a sibling file `<dir>.lock` (not inside the folder, which initdb wants to itself)
 * holding the owner's pid; a lock whose process has died is taken over.
 */
import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const lockOwnerSchema = z.object({
  pid: z.number().int().positive(),
  /** How the owner was started, for the error message (`npm start`, `npm run ingest`). */
  command: z.string().catch("unknown"),
  startedAt: z.string().catch(""),
});
export type PgliteLockOwner = z.infer<typeof lockOwnerSchema>;

/** The errno code of a Node system error (ENOENT, EEXIST…), or undefined for anything else. */
function errnoCode(error: unknown): string | undefined {
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code;
  return undefined;
}

export class PgliteLockedError extends Error {
  readonly owner: PgliteLockOwner;
  readonly lockPath: string;

  constructor(dir: string, lockPath: string, owner: PgliteLockOwner) {
    const who = owner.pid === process.pid ? "this process (opened twice)" : `process ${owner.pid} (probably \`${owner.command}\`)`;
    super(
      `The embedded database at ${dir} is in use by ${who}. Stop it, or set DATABASE_URL to use PostgreSQL. ` +
        `(If no such process is running, delete ${lockPath}.)`,
    );
    this.name = "PgliteLockedError";
    this.owner = owner;
    this.lockPath = lockPath;
  }
}

export interface PgliteLock {
  readonly lockPath: string;
  /** Removes the lock file if this process still owns it. Safe to call twice. */
  release(): void;
}

export function lockPathFor(dir: string): string {
  return `${path.resolve(dir).replace(/[\\/]+$/, "")}.lock`;
}

/** How this process was started, in the words a user would recognise. */
export function describeCurrentCommand(): string {
  const npmScript = process.env.npm_lifecycle_event;
  if (npmScript) return npmScript === "start" || npmScript === "test" ? `npm ${npmScript}` : `npm run ${npmScript}`;
  const script = process.argv.slice(1).find((a) => !a.startsWith("-"));
  if (script && /next/.test(script)) return "next start";
  return script ? `node ${path.relative(process.cwd(), script) || script}` : "node";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errnoCode(error) === "EPERM";
  }
}

const NOBODY: PgliteLockOwner = { pid: 0, command: "unknown", startedAt: "" };

/** The lock's owner; null when there is no lock; pid 0 when the file is not a lock we wrote. */
function readOwner(lockPath: string): PgliteLockOwner | null {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return NOBODY;
  }
  const parsed = lockOwnerSchema.safeParse(json);
  return parsed.success ? parsed.data : NOBODY;
}

/**
 * Creates the lock with its content in one atomic step: the owner is written to a private file
 * first, then hard-linked into place, which fails if a lock exists. So no reader ever sees a
 * half-written lock.
 */
function tryCreate(lockPath: string, owner: PgliteLockOwner): boolean {
  const tmp = `${lockPath}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(owner));
  try {
    linkSync(tmp, lockPath);
    return true;
  } catch (error) {
    if (errnoCode(error) === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(tmp);
  }
}

const TAKEOVER_STALE_MS = 10_000;

/**
 * Replaces a dead owner's lock. A `.takeover` directory (mkdir is atomic) makes sure only one of
 * several processes racing for the same stale lock removes it.
 */
function takeOverStale(lockPath: string, stalePid: number): void {
  const guard = `${lockPath}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if (errnoCode(error) !== "EEXIST") throw error;
    // A takeover left behind by a crash would otherwise block every future opener.
    if (Date.now() - statSync(guard).mtimeMs > TAKEOVER_STALE_MS) rmdirSync(guard);
    return;
  }
  try {
    const current = readOwner(lockPath);
    // pid 0 marks a file we cannot read as a lock; process.kill(0) would signal our own group.
    if (current && current.pid === stalePid && (stalePid === 0 || !isAlive(stalePid))) unlinkSync(lockPath);
  } finally {
    rmdirSync(guard);
  }
}

export function acquirePgliteLock(dir: string): PgliteLock {
  const lockPath = lockPathFor(dir);
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const me: PgliteLockOwner = { pid: process.pid, command: describeCurrentCommand(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(lockPath, me)) return ownedLock(lockPath);
    const owner = readOwner(lockPath);
    if (!owner) continue; // released between our create and read
    if (owner.pid !== 0 && isAlive(owner.pid)) throw new PgliteLockedError(dir, lockPath, owner);
    takeOverStale(lockPath, owner.pid);
  }
  const owner = readOwner(lockPath) ?? NOBODY;
  throw new PgliteLockedError(dir, lockPath, owner);
}

function ownedLock(lockPath: string): PgliteLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    if (readOwner(lockPath)?.pid === process.pid) {
      try {
        unlinkSync(lockPath);
      } catch (error) {
        if (errnoCode(error) !== "ENOENT") throw error;
      }
    }
  };
  // Signals that kill the process skip "exit"; the next opener then finds a dead pid and takes over.
  process.on("exit", release);
  return { lockPath, release };
}
