/**
 * npm run user:create -- --email E --role admin|oversight|agency [--agency NAME | --region CODE]
 *                        [--name NAME] [--password P]
 *
 * Creates one account through db/mutations/user/create-user. Without --password a random one is
 * generated and printed once. PGlite: stop the app first (one process per database folder).
 */
import "./lib/load-env";
import { z } from "zod";
import { closeDb, dbLocation, getDb } from "../db/client";
import { systemCtx } from "../db/context";
import { migrateDb } from "../db/migrate";
import { MutationError } from "../db/mutations/errors";
import { createUser } from "../db/mutations/user/create-user";
import { findAgenciesByName } from "../db/queries/user/find-agencies-by-name";
import { PgliteLockedError } from "../db/pglite-lock";
import { USER_ROLES } from "../db/schema/users.constants";

const USAGE =
  "usage: npm run user:create -- --email E --role admin|oversight|agency [--agency NAME | --region CODE] [--name NAME] [--password P]";

const argsSchema = z
  .object({
    email: z.string().min(3),
    role: z.enum(USER_ROLES),
    agency: z.string().min(2).optional(),
    region: z.string().regex(/^[0-9]{6}$/, "a 6-digit region code such as 520000").optional(),
    name: z.string().min(1).optional(),
    password: z.string().optional(),
  })
  .refine((a) => a.role !== "agency" || a.agency, { message: "--role agency needs --agency NAME", path: ["agency"] })
  .refine((a) => a.role !== "oversight" || a.region, { message: "--role oversight needs --region CODE", path: ["region"] });

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const m = /^--(email|role|agency|region|name|password)(?:=(.*))?$/s.exec(a);
    if (!m) throw new Error(`Unknown argument ${a}\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value\n${USAGE}`);
    raw[m[1]!] = value;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => `${i.path.join(".") || "args"}: ${i.message}`).join("; ")}\n${USAGE}`);
  return parsed.data;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const db = getDb();
  await migrateDb(db);
  const ctx = systemCtx("npm run user:create", db);
  let agencyId: string | null = null;
  if (args.role === "agency" && args.agency) {
    const found = await findAgenciesByName({ ctx, input: { name: args.agency } });
    if (found.length !== 1) {
      console.error(
        found.length === 0
          ? `No agency is named "${args.agency}". Import its report first (npm run ingest) or check the name.`
          : `"${args.agency}" matches ${found.length} agencies (${found.map((a) => `${a.name} ${a.regionCode ?? "?"}`).join(", ")}); use the full name.`,
      );
      return 1;
    }
    agencyId = found[0]!.id;
  }
  const result = await createUser({
    ctx,
    input: {
      email: args.email,
      name: args.name ?? args.email.split("@")[0]!,
      role: args.role,
      agencyId,
      regionCode: args.role === "oversight" ? (args.region ?? null) : null,
      password: args.password ?? null,
    },
  });
  console.log(`created ${result.email} (${args.role}) in ${dbLocation()}`);
  if (result.generatedPassword) console.log(`password: ${result.generatedPassword}   (shown once; change it after signing in)`);
  return 0;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    await closeDb().catch(() => {});
    if (error instanceof PgliteLockedError || error instanceof MutationError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
