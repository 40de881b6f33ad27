import { describe, expect, it } from "vitest";
import { lostInk, recoveredNumbers } from "./lost-ink";
import { DISPUTED_CONFIDENCE, MIN_FIGURE_CONFIDENCE } from "./reread";
import type { OcrWord } from "./words";

const W = 400;
const H = 200;

function ink(): Uint8Array {
  return new Uint8Array(W * H);
}
function box(a: Uint8Array, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) a[y * W + x] = 1;
}
function word(text: string, left: number, top: number, width: number, height: number): OcrWord {
  return { text, left, top, width, height, conf: 95, block: 1, par: 1, line: 1 };
}

describe("ink the page reading left without a word", () => {
  it("finds a lone digit-sized blob, not the words, not a rule stub, not dust", () => {
    const a = ink();
    box(a, 20, 50, 50, 80); // 规 (read)
    box(a, 55, 50, 85, 80); // 章 (read)
    box(a, 200, 52, 208, 80); // a lone "1" nobody read
    box(a, 300, 40, 302, 90); // a 2-px piece of a ruling line
    box(a, 350, 60, 353, 63); // dust
    const words = [word("规章", 20, 50, 65, 30)];
    const lost = lostInk(a, W, H, words);
    expect(lost).toEqual([{ x0: 200, y0: 52, x1: 207, y1: 79 }]);
  });

  it("groups the digits of one number into one box", () => {
    const a = ink();
    box(a, 20, 50, 50, 80);
    box(a, 200, 52, 210, 80);
    box(a, 213, 52, 223, 80);
    expect(lostInk(a, W, H, [word("规", 20, 50, 30, 30)])).toEqual([{ x0: 200, y0: 52, x1: 222, y1: 79 }]);
  });

  it("keeps what the digits model reads as a number it is fairly sure of, marked; drops the rest", () => {
    const boxes = [word("", 200, 52, 8, 28), word("", 300, 52, 8, 28), word("", 350, 52, 8, 28)];
    const got = recoveredNumbers(boxes, [[{ ...word("1", 10, 10, 8, 28), conf: 93 }], [{ ...word("4", 10, 10, 8, 28), conf: MIN_FIGURE_CONFIDENCE - 1 }], []]);
    expect(got).toEqual([{ ...boxes[0], text: "1", conf: DISPUTED_CONFIDENCE }]);
  });
});
