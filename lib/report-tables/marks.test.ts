import { describe, expect, it } from "vitest";
import { cellMarks, type MarkableFinding } from "./marks";

const f = (over: Partial<MarkableFinding> & { id: string }): MarkableFinding => ({
  severity: "error",
  status: "open",
  cells: [],
  blame: [],
  suggested: null,
  ...over,
});

describe("cellMarks", () => {
  it("marks the blamed cell strongly with its suggestion and the rule's other cells lightly", () => {
    const marks = cellMarks([
      f({ id: "a", cells: ["t3.carried_over.total", "t3.carried_over.natural_person"], blame: ["t3.carried_over.total"], suggested: { "t3.carried_over.total": 4 } }),
      f({ id: "b", cells: ["t3.new_received.total", "t3.carried_over.total"], blame: ["t3.carried_over.total"], suggested: { "t3.carried_over.total": 4 } }),
    ]);
    expect(marks.get("t3.carried_over.total")).toEqual({ level: "blame", suggested: 4, findingIds: ["a", "b"] });
    expect(marks.get("t3.carried_over.natural_person")).toEqual({ level: "involved", suggested: null, findingIds: ["a"] });
    expect(marks.get("t3.new_received.total")?.level).toBe("involved");
  });

  it("keeps the strongest level, and ignores resolved findings and notes", () => {
    const marks = cellMarks([
      f({ id: "w", severity: "warning", cells: ["x"], blame: ["x"] }),
      f({ id: "e", cells: ["x", "y"] }),
      f({ id: "r", status: "resolved", cells: ["z"], blame: ["z"] }),
      f({ id: "i", severity: "info", cells: ["q"] }),
    ]);
    expect(marks.get("x")?.level).toBe("involved");
    expect(marks.get("y")?.level).toBe("involved");
    expect(marks.has("z")).toBe(false);
    expect(marks.has("q")).toBe(false);
  });
});
