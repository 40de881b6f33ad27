import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

describe("contentDisposition", () => {
  it("keeps a Chinese name exactly in filename* and gives an ASCII fallback", () => {
    const h = contentDisposition("盘州市2024年报.pdf");
    expect(h).toBe(`attachment; filename="___2024__.pdf"; filename*=UTF-8''${encodeURIComponent("盘州市2024年报.pdf")}`);
    const star = /filename\*=UTF-8''(.+)$/.exec(h)?.[1] ?? "";
    expect(decodeURIComponent(star)).toBe("盘州市2024年报.pdf");
  });

  it("cannot be broken out of by quotes, semicolons or newlines", () => {
    const h = contentDisposition('a";\r\nx-evil: 1.txt');
    expect(h).not.toMatch(/[\r\n]/);
    expect(h.split('"')).toHaveLength(3);
    expect(h).toContain("filename*=UTF-8''a%22%3B%0D%0Ax-evil%3A%201.txt");
  });

  it("escapes the characters RFC 5987 does not allow bare", () => {
    expect(contentDisposition("r(1)'s*.txt")).toContain("filename*=UTF-8''r%281%29%27s%2A.txt");
  });

  it("uses a meaningful ASCII fallback when given one, keeping the Chinese name in filename*", () => {
    const h = contentDisposition("贵州省_不予公开率.png", "attachment", "gongkai-region-520000-trend-refusal_rate-2024.png");
    expect(h).toBe(`attachment; filename="gongkai-region-520000-trend-refusal_rate-2024.png"; filename*=UTF-8''${encodeURIComponent("贵州省_不予公开率.png")}`);
  });
});
