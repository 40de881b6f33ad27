"use server";

import { revalidatePath } from "next/cache";
import { requireCtx } from "@/app/_lib/session";
import { AccessDeniedError } from "@/db/context";
import { correctReport, type CorrectReportResult } from "@/db/mutations/report/correct-report";

export type CorrectFiguresState = CorrectReportResult | { status: "denied"; message: { zh: string; en: string } };

// A public endpoint like every server action: it re-authenticates, and correctReport checks the
// report's scope itself, so a request replayed from another agency's session is refused there.
export async function correctFiguresAction(input: { reportId: string; expectedVersion: number; cells: Record<string, string>; reason: string }): Promise<CorrectFiguresState> {
  const ctx = await requireCtx();
  try {
    const result = await correctReport({ ctx, input });
    if (result.status === "saved") {
      revalidatePath(`/reports/${input.reportId}`);
      revalidatePath(`/reports/${result.reportId}`);
    }
    return result;
  } catch (error) {
    if (error instanceof AccessDeniedError) return { status: "denied", message: { zh: "您无权更正此报告。", en: "You may not correct this report." } };
    throw error;
  }
}
