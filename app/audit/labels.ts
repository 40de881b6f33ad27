/** The audit page's own words (zh/en); the action names live in lib/domain/audit.ts. */
import type { Label } from "@/lib/catalog";

export const AUDIT_TEXT = {
  title: { zh: "操作日志", en: "Audit log" },
  leadAdmin: { zh: "全部操作记录：报告上传、提交、退回、通过，问题说明，登录与账户管理。时间为北京时间。", en: "Every recorded action: uploads, submissions, returns, acceptances, explanations, sign-ins and account management. Times are China time." },
  leadOversight: { zh: "本地区机关的报告与问题的操作记录，以及您本人的操作。账户管理记录仅管理员可见。时间为北京时间。", en: "Actions on the reports and findings of agencies in your region, and your own actions. Account management is visible to administrators only. Times are China time." },
  leadAgency: { zh: "本机关报告与问题的操作记录，以及您本人的操作和账户安全事件。时间为北京时间。", en: "Actions on your agency's reports and findings, your own actions and your account's security events. Times are China time." },
  filters: { zh: "筛选", en: "Filters" },
  action: { zh: "操作", en: "Action" },
  anyAction: { zh: "全部操作", en: "All actions" },
  familyReport: { zh: "报告（全部）", en: "Reports (all)" },
  familyFinding: { zh: "问题（全部）", en: "Findings (all)" },
  familyUser: { zh: "登录与账户（全部）", en: "Sign-in and accounts (all)" },
  familyAgency: { zh: "机构（全部）", en: "Agencies (all)" },
  actor: { zh: "操作人（邮箱或姓名）", en: "By (email or name)" },
  agency: { zh: "机关名称", en: "Agency name" },
  from: { zh: "起始日期", en: "From" },
  to: { zh: "截止日期", en: "To" },
  apply: { zh: "筛选", en: "Apply" },
  clear: { zh: "清除筛选", en: "Clear filters" },
  report: { zh: "仅看此报告", en: "This report only" },
  time: { zh: "时间", en: "Time" },
  who: { zh: "操作人", en: "By" },
  subject: { zh: "对象", en: "Subject" },
  details: { zh: "详情", en: "Details" },
  system: { zh: "系统", en: "System" },
  empty: { zh: "没有符合条件的记录。", en: "No entries match these filters." },
  emptyAll: { zh: "暂无可查看的操作记录。", en: "No entries to show yet." },
  count: { zh: "共 {total} 条，第 {page}/{pages} 页", en: "{total} entries, page {page} of {pages}" },
  prev: { zh: "← 上一页", en: "← Previous" },
  next: { zh: "下一页 →", en: "Next →" },
  finding: { zh: "问题", en: "Finding" },
  version: { zh: "第 {version} 版", en: "version {version}" },
  account: { zh: "账户", en: "Account" },
} as const satisfies Record<string, Label>;

export const DETAIL_KEYS: Record<string, Label> = {
  comment: { zh: "意见", en: "Comment" },
  ip: { zh: "地址", en: "Address" },
  reason: { zh: "原因", en: "Reason" },
  until: { zh: "锁定至", en: "Locked until" },
  email: { zh: "邮箱", en: "Email" },
  role: { zh: "角色", en: "Role" },
  status: { zh: "状态", en: "Status" },
  version: { zh: "版本", en: "Version" },
  via: { zh: "途径", en: "Via" },
  fileName: { zh: "文件", en: "File" },
  year: { zh: "年度", en: "Year" },
  length: { zh: "字数", en: "Length" },
  actor: { zh: "来源", en: "Source" },
};

/** Details not worth a line on the page (shown on the linked report instead). */
export const HIDDEN_DETAIL_KEYS = new Set(["sha256", "agencyId", "agencyName", "supersedes"]);

export const DETAIL_VALUES: Record<string, Label> = {
  wrong_password: { zh: "密码错误", en: "wrong password" },
  wrong_password_locked: { zh: "密码错误，账户已锁定", en: "wrong password, account locked" },
  unknown_email: { zh: "邮箱不存在", en: "unknown email" },
  locked: { zh: "账户锁定中", en: "account locked" },
  disabled: { zh: "账户已停用", en: "account disabled" },
  "user.sign_in_failed": { zh: "登录", en: "sign-in" },
  "user.change_password_failed": { zh: "修改密码", en: "password change" },
  draft: { zh: "草稿", en: "draft" },
  submitted: { zh: "已提交", en: "submitted" },
  published: { zh: "已发布", en: "published" },
};
