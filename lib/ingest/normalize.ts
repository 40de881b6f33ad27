/**
 * Label normalisation (REPORT-FORMAT.md §1.9): one function every matcher uses, so that a
 * catalog label and a label read from a document compare equal when they mean the same row.
 * Pure and memoised; the Traditional→Simplified converter is built once, on first need.
 */
import * as OpenCC from "opencc-js";

type Convert = (text: string) => string;

let toCn: Convert | null = null;
function converter(): Convert {
  // Building the dictionaries costs ~40 ms, so only documents that need it pay, once per process.
  toCn ??= OpenCC.Converter({ from: "hk", to: "cn" });
  return toCn;
}

/**
 * Traditional-only characters common in these reports (generated from the sample report and the
 * format reference through OpenCC cn→hk). Used to decide cheaply whether a text needs converting.
 */
const TRAD_CHARS =
  "據華國開條務號簡稱現盤辦報別説數統計時為電門網鏈載眾進諮詢請與聯鳳鳴話總體況堅習會義導貫徹實嚴關於緊圍繞質斷動態則結際單議讀過發類餘轉內規範復繼續並檔徵遷維證訴訟後審強業訓積極組織員專題對項標準訂調優欄設賬權針庫領協級讓揮運聲編減紙廳貴應廣監檢錯採測問處絡識陣執決絕個誤確廢許罰費額萬機構區這屬穩護無沒補訪舉當認獲繳納糾經傳較適還豐響創將從羣盡圖視頻營黨試劃碼評責縣嶽陽粵鄉鎮雲陝楊購敗藍書匯東參學佔爭綜償違產記養環財資貼轄場衞巖烏觀鍾紅崗綏岡慶懷順壩寧嶺畢節銅興貞謨冊龍凱裏黃遠鞏錦劍勻甕獨羅長兩勝劉橋雞雙舊暫複們說";
const TRAD_SET: ReadonlySet<string> = new Set(TRAD_CHARS);

/** Count of Traditional-only characters in `text`, stopping once `limit` is reached. */
export function countTraditional(text: string, limit = Number.POSITIVE_INFINITY): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x4e00 || code > 0x9fff) continue;
    if (TRAD_SET.has(text[i] as string) && ++n >= limit) return n;
  }
  return n;
}

/** True when the text is (at least partly) written in Traditional characters. */
export function looksTraditional(text: string, threshold = 3): boolean {
  return countTraditional(text, threshold) >= threshold;
}

/** Traditional → Simplified (OpenCC hk→cn). A no-op on Simplified text. */
export function toSimplified(text: string): string {
  if (text.length === 0) return text;
  return converter()(text);
}

// ───────────────────────────── labels ─────────────────────────────

const CIRCLED_START = /^\s*[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u277f]/u;
const WS = /\s+/gu;
const QUOTES = /[“”‘’"'「」『』〝〞﹁﹂﹃﹄]/gu;
const OPEN_BRACKETS = /[【〔［\[﹝〈《]/gu;
const CLOSE_BRACKETS = /[】〕］\]﹞〉》]/gu;
const CN_NUM = "[一二三四五六七八九十]+";
// 一、 | (一) | 1. 1、 1) (not a decimal) | 七、  — "第X项" is never stripped.
const LEADING_NUMBERING = new RegExp(`^(?:${CN_NUM}[、.,]|\\((?:${CN_NUM}|\\d{1,2})\\)[、.]?|\\d{1,2}(?:[.、,)](?!\\d)))`, "u");
const TRAILING_COLONS = /[:]+$/u;

const LABEL_CACHE = new Map<string, string>();
const LABEL_CACHE_CAP = 20_000;

/**
 * Normalise a label for matching: NFKC (full/half-width), Traditional→Simplified, no whitespace,
 * no quotes, brackets unified to (), leading numbering (一、 （一） 1. 1、 ①) and trailing colons
 * stripped, 其它→其他 and 法人或者其他组织→法人或其他组织. Memoised.
 */
export function normalizeLabel(s: string): string {
  const hit = LABEL_CACHE.get(s);
  if (hit !== undefined) return hit;
  const out = computeNormalizedLabel(s);
  if (LABEL_CACHE.size >= LABEL_CACHE_CAP) LABEL_CACHE.clear();
  LABEL_CACHE.set(s, out);
  return out;
}

function computeNormalizedLabel(s: string): string {
  // Circled numbers would become plain digits under NFKC, so drop them first.
  let t = s.replace(CIRCLED_START, "").normalize("NFKC");
  if (countTraditional(t, 1) > 0) t = toSimplified(t);
  t = t
    .replace(WS, "")
    .replace(QUOTES, "")
    .replace(OPEN_BRACKETS, "(")
    .replace(CLOSE_BRACKETS, ")")
    .replace(/其它/gu, "其他")
    .replace(/法人或者其他组织/gu, "法人或其他组织");
  for (let i = 0; i < 3; i++) {
    const m = LEADING_NUMBERING.exec(t);
    if (!m || m[0].length === t.length) break;
    t = t.slice(m[0].length);
  }
  return t.replace(TRAILING_COLONS, "");
}

const PUNCT = /[,，、。.;；:：!！?？·・…\-—_~]/gu;

/**
 * The key labels are compared on: the normalised label without punctuation, so that
 * "逾期不补正、行政机关" and "逾期不补正,行政机关" meet. Brackets are kept.
 */
export function labelKey(s: string): string {
  const n = normalizeLabel(s);
  const hit = KEY_CACHE.get(n);
  if (hit !== undefined) return hit;
  const out = n.replace(PUNCT, "");
  if (KEY_CACHE.size >= LABEL_CACHE_CAP) KEY_CACHE.clear();
  KEY_CACHE.set(n, out);
  return out;
}
const KEY_CACHE = new Map<string, string>();

/** The key without any parenthesised note: "部分公开(区分处理的…)" → "部分公开". */
export function stripParenthetical(key: string): string {
  return key.replace(/\([^()]*\)/gu, "");
}
