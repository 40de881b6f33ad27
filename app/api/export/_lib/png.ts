/**
 * SVG → PNG with resvg at 2× for crisp pasting into briefings. Text needs a CJK font: the Noto
 * Sans CJK collection from fonts-noto-cjk is loaded by path; without it resvg falls back to the
 * system's fonts and the caller marks the image and the response.
 */
import "server-only";
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const FONT_CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", // Debian, Ubuntu (fonts-noto-cjk)
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", // Arch
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", // Fedora
  "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
];

export const PNG_SCALE = 2;

/** The Regular collection and, when installed beside it, the Bold one (titles are bold). */
export function findCjkFontFiles(): string[] {
  const regular = FONT_CANDIDATES.find((p) => existsSync(p));
  if (!regular) return [];
  const bold = regular.replace("Regular", "Bold");
  return existsSync(bold) ? [regular, bold] : [regular];
}

export function svgToPng(svg: string, fontFiles: readonly string[]): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: PNG_SCALE },
    background: "#ffffff",
    font:
      fontFiles.length > 0
        ? { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: "Noto Sans CJK SC", sansSerifFamily: "Noto Sans CJK SC" }
        : { loadSystemFonts: true },
  });
  return new Uint8Array(resvg.render().asPng());
}
