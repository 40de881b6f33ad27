/**
 * The demo logins of DESIGN.md (password `gongkai-demo`), created only alongside the demo corpus.
 * Idempotent: existing accounts are left as they are, so a changed demo password survives restarts.
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../client";
import { agencies, auditLog, users } from "../../schema";
import type { UserRole } from "../../schema/users.constants";
import { hashPassword } from "./_password";

export const DEMO_PASSWORD = "gongkai-demo";

export const DEMO_AGENCY = { name: "盘州市人民政府", regionCode: "520281", kind: "government", level: "county" } as const;

export const DEMO_ACCOUNTS = [
  { email: "admin@demo.local", name: "演示管理员", role: "admin", label: "admin" },
  { email: "oversight@demo.local", name: "贵州省政务公开办（演示）", role: "oversight", regionCode: "520000", label: "oversight, 贵州省 520000" },
  { email: "panzhou@demo.local", name: "盘州市人民政府（演示）", role: "agency", agency: true, label: "agency, 盘州市人民政府" },
] as const satisfies readonly { email: string; name: string; role: UserRole; regionCode?: string; agency?: true; label: string }[];

export interface SeedDemoAccountsResult {
  accounts: { email: string; role: UserRole; created: boolean }[];
  password: string;
}

/** Finds or creates 盘州市人民政府, then each demo user that does not exist yet. */
export async function seedDemoAccounts(db: Db): Promise<SeedDemoAccountsResult> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx
      .insert(agencies)
      .values({ name: DEMO_AGENCY.name, nameNorm: DEMO_AGENCY.name, kind: DEMO_AGENCY.kind, level: DEMO_AGENCY.level, regionCode: DEMO_AGENCY.regionCode })
      .onConflictDoNothing({ target: [agencies.regionCode, agencies.nameNorm] });
    const [agency] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(and(eq(agencies.regionCode, DEMO_AGENCY.regionCode), eq(agencies.nameNorm, DEMO_AGENCY.name)));
    if (!agency) throw new Error(`seedDemoAccounts: could not find or create ${DEMO_AGENCY.name}.`);

    const accounts: SeedDemoAccountsResult["accounts"] = [];
    for (const account of DEMO_ACCOUNTS) {
      const inserted = await tx
        .insert(users)
        .values({
          email: account.email,
          name: account.name,
          role: account.role,
          agencyId: "agency" in account ? agency.id : null,
          regionCode: "regionCode" in account ? account.regionCode : null,
          passwordHash,
        })
        // The only unique key of users is lower(email): a conflict means the account exists.
        .onConflictDoNothing()
        .returning({ id: users.id });
      const created = inserted.length > 0;
      if (created) {
        await tx.insert(auditLog).values({ action: "user.create", entity: "user", entityId: inserted[0]!.id, details: { email: account.email, role: account.role, actor: "demo-seed" } });
      }
      accounts.push({ email: account.email, role: account.role, created });
    }
    return { accounts, password: DEMO_PASSWORD };
  });
}
