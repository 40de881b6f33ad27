import { describe, expect, it } from "vitest";
import type { OcrEngine } from "../extract/tools";
import type { GrayImage } from "./image";
import { cropWord, DISPUTED_CONFIDENCE, rereadNumbers, wantsReread } from "./reread";
import type { OcrWord } from "./words";

function word(text: string, conf: number, left = 100): OcrWord {
  return { text, conf, left, top: 100, width: 30, height: 25, block: 1, par: 1, line: 1 };
}

const HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
const answer = (text: string, conf: number) => `${HEADER}\n5\t1\t1\t1\t1\t1\t10\t10\t40\t30\t${conf}\t${text}`;

/** An engine whose second reading is scripted: it answers each crop in turn. */
function engine(answers: string[]): OcrEngine & { asked: number[] } {
  const asked: number[] = [];
  return {
    name: "scripted",
    asked,
    rasterizePdfPage: () => Promise.reject(new Error("not used")),
    recognize: () => Promise.reject(new Error("not used")),
    recognizeNumbers: (crops) => {
      asked.push(crops.length);
      return Promise.resolve(crops.map((_, i) => answers[i] ?? ""));
    },
  };
}

const page: GrayImage = { width: 400, height: 300, data: new Uint8Array(400 * 300).fill(255) };

describe("second reading of unsure numbers", () => {
  it("re-reads only unsure number-like words (工 and 丨 included), not sure ones or words", () => {
    expect(wantsReread(word("11", 46))).toBe(true);
    expect(wantsReread(word("工", 47))).toBe(true);
    expect(wantsReread(word("12", 96))).toBe(false);
    expect(wantsReread(word("规章", 40))).toBe(false);
    expect(wantsReread(word("，", 40))).toBe(false);
  });

  it("agreement raises the confidence; disagreement takes the digits reading and marks it", async () => {
    const e = engine([answer("11", 89), answer("11", 33), answer("", 0)]);
    const words = [word("11", 46), word("1", 71, 200), word("0", 97, 300), word("7", 50, 350)];
    const out = await rereadNumbers(page, words, 300, e);
    expect(e.asked).toEqual([3]);
    expect(out[0]).toMatchObject({ text: "11", conf: 89 });
    expect(out[1]).toMatchObject({ text: "11", conf: 33 });
    expect(out[2]).toBe(words[2]);
    // No second reading: the first stands as it was.
    expect(out[3]).toMatchObject({ text: "7", conf: 50 });
    const disputed = await rereadNumbers(page, [word("8", 75)], 300, engine([answer("3", 95)]));
    expect(disputed[0]).toMatchObject({ text: "3", conf: DISPUTED_CONFIDENCE });
  });

  it("crops with room for a digit the first reading dropped, clipped to the page", () => {
    const crop = cropWord(page, { ...word("1", 50), left: 5, top: 2 });
    expect(crop.width).toBe(30 + 2 * 25);
    expect(crop.height).toBe(25 + 2 * 8);
    expect(crop.data.every((v) => v === 255)).toBe(true);
  });
});
