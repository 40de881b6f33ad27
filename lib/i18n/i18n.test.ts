import { describe, expect, it } from "vitest";
import { en } from "./dictionaries/en";
import { zh } from "./dictionaries/zh";
import {
  DEFAULT_LANG,
  LANGS,
  formatNumber,
  getDictionary,
  isLang,
  localeOf,
  resolveLang,
  splitOnPlaceholder,
  t,
} from "./index";

describe("dictionaries", () => {
  it("en has exactly the zh keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it.each(LANGS)("%s has no blank strings", (lang) => {
    const blanks = Object.entries(getDictionary(lang)).filter(([, text]) => text.trim() === "");
    expect(blanks).toEqual([]);
  });

  it("translates the navigation into both languages", () => {
    expect(t("zh", "nav.overview")).toBe("总览");
    expect(t("en", "nav.overview")).toBe("Overview");
    expect(t("zh", "nav.selfReview")).toBe("自查");
    expect(t("en", "nav.selfReview")).toBe("Self-review");
  });

  it("gives every page title a different label within a language", () => {
    for (const lang of LANGS) {
      const navLabels = Object.entries(getDictionary(lang))
        .filter(([key]) => key.startsWith("nav.") && key !== "nav.label")
        .map(([, text]) => text);
      expect(new Set(navLabels).size).toBe(navLabels.length);
    }
  });

  it("keeps the {command} placeholder in the empty-state hint", () => {
    for (const lang of LANGS) expect(splitOnPlaceholder(t(lang, "empty.howToLoad"), "command")).not.toBeNull();
  });
});

describe("language selection", () => {
  it("defaults to Simplified Chinese", () => {
    expect(DEFAULT_LANG).toBe("zh");
    expect(LANGS[0]).toBe("zh");
  });

  it("accepts only supported codes", () => {
    expect(isLang("zh")).toBe(true);
    expect(isLang("en")).toBe(true);
    expect(isLang("EN")).toBe(false);
    expect(isLang("zh-CN")).toBe(false);
    expect(isLang(undefined)).toBe(false);
    expect(isLang(1)).toBe(false);
  });

  it("falls back to zh for a missing or tampered cookie value", () => {
    expect(resolveLang(undefined)).toBe("zh");
    expect(resolveLang("fr")).toBe("zh");
    expect(resolveLang("<script>")).toBe("zh");
    expect(resolveLang("en")).toBe("en");
  });

  it("maps languages to html lang tags", () => {
    expect(localeOf("zh")).toBe("zh-CN");
    expect(localeOf("en")).toBe("en");
  });
});

describe("formatNumber", () => {
  it("groups thousands the zh-CN way", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(0)).toBe("0");
  });
});

describe("splitOnPlaceholder", () => {
  it("splits around the first placeholder", () => {
    expect(splitOnPlaceholder("用 {command} 导入。", "command")).toEqual({ before: "用 ", after: " 导入。" });
  });

  it("handles a placeholder at either end", () => {
    expect(splitOnPlaceholder("{command} now", "command")).toEqual({ before: "", after: " now" });
    expect(splitOnPlaceholder("run {command}", "command")).toEqual({ before: "run ", after: "" });
  });

  it("returns null when the placeholder is absent or named differently", () => {
    expect(splitOnPlaceholder("no placeholder", "command")).toBeNull();
    expect(splitOnPlaceholder("{other}", "command")).toBeNull();
  });
});
