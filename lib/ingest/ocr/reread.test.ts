import { describe, expect, it } from "vitest";
import type { OcrEngine } from "../extract/tools";
import type { GrayImage } from "./image";
import { cropWord, DISPUTED_CONFIDENCE, loneLookalike, MIN_FIGURE_CONFIDENCE, rereadNumbers, wantsReread } from "./reread";
import type { OcrWord } from "./words";

function word(text: string, conf: number, left = 100): OcrWord {
  return { text, conf, left, top: 100, width: 30, height: 25, block: 1, par: 1, line: 1 };
}

const HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
const answer = (text: string, conf: number) => `${HEADER}\n5\t1\t1\t1\t1\t1\t10\t10\t40\t30\t${conf}\t${text}`;

/** An engine whose second reading is scripted: it answers each crop in turn, across calls. */
function engine(answers: string[]): OcrEngine & { asked: number[]; widths: number[][] } {
  const asked: number[] = [];
  const widths: number[][] = [];
  let next = 0;
  return {
    name: "scripted",
    asked,
    widths,
    rasterizePdfPage: () => Promise.reject(new Error("not used")),
    recognize: () => Promise.reject(new Error("not used")),
    recognizeNumbers: (crops) => {
      asked.push(crops.length);
      widths.push(crops.map((c) => c.width));
      return Promise.resolve(crops.map(() => answers[next++] ?? ""));
    },
  };
}

const page: GrayImage = { width: 400, height: 300, data: new Uint8Array(400 * 300).fill(255) };

describe("second reading of unsure numbers", () => {
  it("replaces only unsure number-like words (工 and 丨 included), not sure ones or words", () => {
    expect(wantsReread(word("11", 46))).toBe(true);
    expect(wantsReread(word("工", 47))).toBe(true);
    expect(wantsReread(word("12", 96))).toBe(false);
    // A bracket glued before a number (]141 at 0 %) is no part of it.
    expect(wantsReread(word("]141", 0))).toBe(true);
    expect(wantsReread(word("(1)", 60))).toBe(false);
    expect(wantsReread(word("规章", 40))).toBe(false);
    expect(wantsReread(word("，", 40))).toBe(false);
  });

  it("re-reads a look-alike standing alone in a row of numbers (了 for 7, ） for 1), however sure, but not one inside prose", () => {
    // 行政规范性文件  了  5  225 — the 7 read as 了 at 94 %.
    const row = [word("行政规范性文件", 94, 20), word("了", 94, 300), word("5", 97, 420), word("225", 93, 540)];
    expect(loneLookalike(row, 1)).toBe(true);
    expect(loneLookalike(row, 2)).toBe(false);
    const decrease = [word("行政许可", 90, 20), word("62", 96, 300), word("-了", 63, 420)];
    expect(loneLookalike(decrease, 2)).toBe(true);
    const paren = [word("1", 85, 100), word("）", 77, 200), word("0", 93, 300)];
    expect(loneLookalike(paren, 1)).toBe(true);
    // Prose: 取得了一定成绩 — 了 touches its neighbours.
    const prose = [word("取得", 97, 100), { ...word("了", 97, 131), width: 12 }, word("2021", 95, 144)];
    expect(loneLookalike(prose, 1)).toBe(false);
    // Q for 0, and the 。 or , a faint 6 or 2 leaves, alone in a row of numbers.
    const lattice = [word("14", 90, 20), word("Q", 74, 120), word("1", 96, 220), word("。", 0, 320), word(",", 39, 420)];
    expect([1, 3, 4].map((i) => loneLookalike(lattice, i))).toEqual([true, true, true]);
    // A full stop at the end of a sentence touches its character.
    expect(loneLookalike([word("2023", 95, 100), { ...word("。", 90, 131), width: 10 }], 1)).toBe(false);
    // Alone, but no number on its line (a heading or a label): left as it is.
    expect(loneLookalike([word("规章", 95, 20), word("了", 94, 300)], 1)).toBe(false);
    // On another line, a neighbour does not count.
    expect(loneLookalike([word("了", 94, 300), { ...word("5", 97, 420), line: 2 }], 0)).toBe(false);
  });

  it("a lone look-alike read as a figure by the digits model becomes that figure, marked", async () => {
    const row = [word("规范性文件", 94, 20), word("了", 94, 300), word("5", 97, 420), word("-了", 63, 520)];
    // A lone 7 enlarged twice reads as nothing; at its own size it reads as 7. A 2× reading
    // that saw something is taken over the 1× one.
    // The sure 5 is read again too, only to check it.
    const e = engine([answer("", 0), answer("5", 96), answer("-2", 88), answer("7", 91), answer("5", 95), answer("-7", 95)]);
    const out = await rereadNumbers(page, row, 300, e);
    expect(e.asked).toEqual([6]);
    expect(out[1]).toMatchObject({ text: "7", conf: DISPUTED_CONFIDENCE });
    expect(out[3]).toMatchObject({ text: "-2", conf: DISPUTED_CONFIDENCE });
    expect(out[2]).toMatchObject({ text: "5", conf: 97 });
    // A guess below MIN_FIGURE_CONFIDENCE does not turn a character into a figure.
    const guess = await rereadNumbers(page, [word("上", 90, 100), word("0", 96, 300)], 300, engine([answer("1", MIN_FIGURE_CONFIDENCE - 1)]));
    expect(guess[0]).toMatchObject({ text: "上", conf: 90 });
    // The digits model sees nothing: the word stays what it was.
    const none = await rereadNumbers(page, [word("）", 77, 200), word("0", 96, 300)], 300, engine([answer("", 0)]));
    expect(none[0]).toMatchObject({ text: "）", conf: 77 });
  });

  it("agreement raises the confidence; disagreement takes the digits reading and marks it", async () => {
    // Four targets (the sure 0 only to check it), each read at 2× and at 1× in one call: the 1×
    // readings come after the 2× ones.
    const e = engine([answer("11", 89), answer("11", 33), answer("0", 93), answer("", 0), answer("1", 90), answer("1", 90), answer("0", 90), answer("", 0)]);
    const words = [word("11", 46), word("1", 71, 200), word("0", 97, 300), word("7", 50, 350)];
    const out = await rereadNumbers(page, words, 300, e);
    expect(e.asked).toEqual([8]);
    expect(e.widths).toEqual([[160, 160, 160, 160, 80, 80, 80, 80]]);
    expect(out[0]).toMatchObject({ text: "11", conf: 89 });
    expect(out[1]).toMatchObject({ text: "11", conf: 33 });
    expect(out[2]).toMatchObject({ text: "0", conf: 97 });
    // No second reading at either size: the first stands as it was.
    expect(out[3]).toMatchObject({ text: "7", conf: 50 });
    const disputed = await rereadNumbers(page, [word("8", 75)], 300, engine([answer("3", 95)]));
    expect(disputed[0]).toMatchObject({ text: "3", conf: DISPUTED_CONFIDENCE });
  });

  it("a sure number the digits model reads otherwise keeps its reading and is marked; a guess or nothing leaves it", async () => {
    // The page model read a clear 26 as 20 at 91 %.
    const sure = await rereadNumbers(page, [word("20", 91)], 300, engine([answer("26", 95)]));
    expect(sure[0]).toMatchObject({ text: "20", conf: DISPUTED_CONFIDENCE });
    const guess = await rereadNumbers(page, [word("20", 91)], 300, engine([answer("26", MIN_FIGURE_CONFIDENCE - 1)]));
    expect(guess[0]).toMatchObject({ text: "20", conf: 91 });
    const none = await rereadNumbers(page, [word("20", 91)], 300, engine([answer("", 0)]));
    expect(none[0]).toMatchObject({ text: "20", conf: 91 });
  });

  it("crops with room for a digit the first reading dropped, clipped to the page", () => {
    const crop = cropWord(page, { ...word("1", 50), left: 5, top: 2 });
    expect(crop.width).toBe(30 + 2 * 25);
    expect(crop.height).toBe(25 + 2 * 8);
    expect(crop.data.every((v) => v === 255)).toBe(true);
  });
});
