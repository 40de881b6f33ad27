/** Password hashing and generation shared by the user mutations (not an action itself). */
import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { env } from "../../../lib/env";

/** bcrypt cost 12 (≈0.3 s in bcryptjs); 10 under test so suites that hash many users stay quick. */
export const BCRYPT_COST = env.NODE_ENV === "test" ? 10 : 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// No 0/O/1/l/I: generated passwords are read off a screen and typed.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random 16-character password (≈93 bits). */
export function generatePassword(length = 16): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i]!;
    // Rejection sampling keeps every character equally likely.
    if (b < 256 - (256 % ALPHABET.length)) out += ALPHABET[b % ALPHABET.length];
  }
  return out.length === length ? out : generatePassword(length);
}
