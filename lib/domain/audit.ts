/**
 * Audit-log actions in words, and the filters the audit page understands. Drizzle-free so the
 * page, its client leaf and the query share one list (STYLE rule 8).
 */
import type { Label } from "../catalog";

export const AUDIT_ACTION_LABELS = {
  "report.ingest": { zh: "上传报告（新版本）", en: "Uploaded a report (new version)" },
  "report.submit": { zh: "提交审核", en: "Submitted for review" },
  "report.return": { zh: "退回修改", en: "Returned with a comment" },
  "report.accept": { zh: "审核通过并发布", en: "Accepted and published" },
  "report.correct": { zh: "手工更正数字（新版本）", en: "Corrected figures by hand (new version)" },
  "report.delete_draft": { zh: "删除草稿", en: "Deleted a draft" },
  "report.clear_all": { zh: "清空全部报告", en: "Cleared every report" },
  "finding.explain": { zh: "说明问题", en: "Explained a finding" },
  "agency.create": { zh: "新建机构", en: "Created an agency" },
  "agency.create_pending": { zh: "新建机构（待归属地区）", en: "Created an agency (region pending)" },
  "user.sign_in": { zh: "登录", en: "Signed in" },
  "user.sign_in_failed": { zh: "登录失败", en: "Sign-in failed" },
  "user.sign_out": { zh: "退出登录", en: "Signed out" },
  "user.lock": { zh: "账户锁定", en: "Account locked" },
  "user.change_password": { zh: "修改密码", en: "Changed password" },
  "user.change_password_failed": { zh: "修改密码失败（当前密码错误）", en: "Password change failed (wrong current password)" },
  "user.reset_password": { zh: "重置密码", en: "Reset a password" },
  "user.create": { zh: "创建账户", en: "Created an account" },
  "user.disable": { zh: "停用账户", en: "Disabled an account" },
  "user.enable": { zh: "启用账户", en: "Enabled an account" },
  "user.unlock": { zh: "解除锁定", en: "Unlocked an account" },
  "user.update": { zh: "修改角色或所属", en: "Changed an account's role or scope" },
} as const satisfies Record<string, Label>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
// Object.keys of a literal object: exactly its keys, so the cast only restores what TS widened.
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

/** The action in words; an action this list does not know yet is shown as its code. */
export function auditActionLabel(action: string, lang: "zh" | "en"): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action][lang] : action;
}

/** Entries a page of the audit log shows. */
export const AUDIT_PAGE_SIZE = 50;
