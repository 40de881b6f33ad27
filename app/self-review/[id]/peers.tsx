/**
 * The draft's key indicators against its peers' published values (server component): a band per
 * indicator (range, P25–P75, median, the draft) and the numbers behind it, each traceable to the
 * draft's cells (numerator / denominator) and to the peer group on the agency page and /compare.
 */
import Link from "next/link";
import type { SelfReviewPeerRow, SelfReviewPeers } from "@/db/queries/self-review/get-self-review-peers";
import type { PeerGroup } from "@/db/queries/dashboard/get-peer-comparison";
import type { Label } from "@/lib/catalog";
import { cm, type ChartMessageKey } from "@/lib/charts";
import { describePosition, formatIndicatorValue, formatInteger, getIndicator, NULL_DISPLAY, smallSampleNote, type IndicatorDef } from "@/lib/indicators";
import type { Lang } from "@/lib/i18n";
import styles from "../self-review.module.css";

/** Fewer published peers than this and the position is marked as resting on a small group. */
const FEW_PEERS = 5;

const TEXT = {
  title: { zh: "与同类机关对比", en: "Against peer agencies" },
  lead: {
    zh: "本稿的主要指标按本稿填报的数字计算，与同类机关 {year} 年已发布报告的数值对比（不含本机关已发布的报告）。色带为同类的四分位区间（P25–P75），竖线为中位数，圆点为本稿。",
    en: "This draft's key indicators, computed from its own figures, against the published {year} reports of its peer agencies (its own published report excluded). The band is the peers' interquartile range (P25–P75), the line their median, the dot this draft.",
  },
  group: { zh: "同类：{group}", en: "Peers: {group}" },
  indicator: { zh: "指标", en: "Indicator" },
  own: { zh: "本稿", en: "This draft" },
  terms: { zh: "分子 / 分母", en: "Numerator / denominator" },
  n: { zh: "同类数", en: "Peers" },
  p25: { zh: "P25", en: "P25" },
  median: { zh: "中位数", en: "Median" },
  p75: { zh: "P75", en: "P75" },
  band: { zh: "分布", en: "Distribution" },
  position: { zh: "位置", en: "Position" },
  noPeers: { zh: "{year} 年暂无同类机关的已发布报告，无法对比。", en: "No peer agency has a published {year} report yet: nothing to compare with." },
  fewPeers: { zh: "同类较少，仅供参考", en: "few peers: indicative" },
  open: { zh: "查看同类分布", en: "peer distribution" },
  compare: { zh: "在对比页查看该同类组", en: "Open this peer group on the compare page" },
  caption: { zh: "本稿主要指标与同类机关对比", en: "Key indicators of this draft against peer agencies" },
} as const satisfies Record<string, Label>;

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

export function peerGroupLabel(group: PeerGroup): Label {
  const level = { zh: cm("zh", `level.${group.level}` as ChartMessageKey), en: cm("en", `level.${group.level}` as ChartMessageKey) };
  if (group.basis === "deptType" && group.deptType) return { zh: `${level.zh}${group.deptType}部门`, en: `${level.en.toLowerCase()} ${group.deptType} departments` };
  const kind = { zh: cm("zh", `kind.${group.kind}` as ChartMessageKey), en: cm("en", `kind.${group.kind}` as ChartMessageKey) };
  return { zh: `${level.zh}${kind.zh}`, en: `${level.en.toLowerCase()} ${kind.en.toLowerCase()}s` };
}

/** The /compare link for the same peer group, indicator and year (a ranking of its members). */
function compareHref(group: PeerGroup, key: string, year: number): string {
  const parts = [group.kind, group.level, "*", group.basis === "deptType" && group.deptType ? group.deptType : "*"];
  while (parts.length > 1 && parts[parts.length - 1] === "*") parts.pop();
  const q = new URLSearchParams({ group: parts.join(":"), indicator: key, year: String(year), view: "ranking" });
  return `/compare?${q.toString()}`;
}

const W = 220;
const H = 30;
const PAD = 8;

/** One indicator's band as a small SVG; its numbers are in the row beside it. */
function Band({ def, row, lang }: { def: IndicatorDef; row: SelfReviewPeerRow; lang: Lang }) {
  const own = row.own.value;
  const points = [row.min, row.max, row.p25, row.p75, row.median, own].filter((v): v is number => v !== null && Number.isFinite(v));
  if (points.length === 0) return <span className={styles.muted}>{NULL_DISPLAY}</span>;
  const isShare = def.kind === "rate";
  let lo = Math.min(0, ...points);
  let hi = Math.max(...points);
  if (isShare) hi = Math.min(1, Math.max(hi, 0.05));
  if (hi === lo) hi = lo + 1;
  hi += (hi - lo) * 0.04;
  lo -= (hi - lo) * 0.0;
  const x = (v: number) => PAD + ((v - lo) / (hi - lo)) * (W - 2 * PAD);
  const fmt = (v: number | null) => formatIndicatorValue(def, { value: v, smallSample: false }, lang);
  const label =
    lang === "zh"
      ? `本稿 ${fmt(own)}；同类 P25 ${fmt(row.p25)}，中位数 ${fmt(row.median)}，P75 ${fmt(row.p75)}`
      : `This draft ${fmt(own)}; peers P25 ${fmt(row.p25)}, median ${fmt(row.median)}, P75 ${fmt(row.p75)}`;
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className={styles.band}>
      <line x1={PAD} x2={W - PAD} y1={H / 2} y2={H / 2} stroke="var(--border)" strokeWidth="1" />
      {row.min !== null && row.max !== null ? <line x1={x(row.min)} x2={x(row.max)} y1={H / 2} y2={H / 2} stroke="#9aa4b2" strokeWidth="2" /> : null}
      {row.p25 !== null && row.p75 !== null ? (
        <rect x={x(row.p25)} width={Math.max(2, x(row.p75) - x(row.p25))} y={H / 2 - 7} height="14" rx="3" fill="#c9dcf5" stroke="#7ea6dd" />
      ) : null}
      {row.median !== null ? <line x1={x(row.median)} x2={x(row.median)} y1={H / 2 - 9} y2={H / 2 + 9} stroke="#1f4e8c" strokeWidth="2" /> : null}
      {own !== null ? <circle cx={x(own)} cy={H / 2} r="5.5" fill="#c0392b" stroke="#fff" strokeWidth="1.5" /> : null}
    </svg>
  );
}

export function SelfReviewPeersSection({ lang, data, agencyId }: { lang: Lang; data: SelfReviewPeers; agencyId: string }) {
  const L = (k: keyof typeof TEXT) => TEXT[k][lang];
  const group = data.group ? peerGroupLabel(data.group) : null;
  const anyPeers = data.rows.some((r) => r.n > 0);
  const anySmall = data.rows.some((r) => r.own.smallSample);
  return (
    <section className={styles.section} aria-labelledby="peers-title">
      <h2 id="peers-title" className={styles.sectionTitle}>
        {L("title")}
      </h2>
      <p className={styles.muted}>
        {fill(L("lead"), { year: data.year })}
        {group ? (
          <>
            {" "}
            <strong>{fill(L("group"), { group: group[lang] })}</strong>
          </>
        ) : null}
      </p>
      {!anyPeers ? (
        <p className={styles.comment} role="note">
          {fill(L("noPeers"), { year: data.year })}
        </p>
      ) : null}
      <div className={styles.scroll}>
        <table className={`${styles.table} ${styles.peersTable}`} aria-label={L("caption")}>
          <thead>
            <tr>
              <th scope="col">{L("indicator")}</th>
              <th scope="col" className={styles.num}>
                {L("own")}
              </th>
              <th scope="col" className={styles.num}>
                {L("terms")}
              </th>
              <th scope="col" className={styles.num}>
                {L("n")}
              </th>
              <th scope="col" className={styles.num}>
                {L("p25")}
              </th>
              <th scope="col" className={styles.num}>
                {L("median")}
              </th>
              <th scope="col" className={styles.num}>
                {L("p75")}
              </th>
              <th scope="col">{L("band")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => {
              const def = getIndicator(row.indicatorKey);
              const fmt = (v: number | null) => formatIndicatorValue(def, { value: v, smallSample: false }, lang);
              const sentence = group ? describePosition(def, row.own, row.position ?? [], group, lang) : null;
              const terms =
                row.own.numerator === null && row.own.denominator === null
                  ? NULL_DISPLAY
                  : `${formatInteger(row.own.numerator, lang)} / ${row.own.denominator === null ? NULL_DISPLAY : formatInteger(row.own.denominator, lang)}`;
              return (
                <tr key={row.indicatorKey} data-indicator={row.indicatorKey}>
                  <th scope="row">
                    <span title={def.formula[lang]}>{def.label[lang]}</span>
                    <span className={styles.formula}>{def.formula[lang]}</span>
                    {sentence ? (
                      <span className={styles.position}>
                        {sentence}
                        {row.n > 0 && row.n < FEW_PEERS ? <span className={styles.fewPeers}>{L("fewPeers")}</span> : null}
                      </span>
                    ) : null}
                    {row.n > 0 ? (
                      <Link className={styles.peerLink} href={`/agencies/${agencyId}?indicator=${row.indicatorKey}&year=${data.year}#peers-title`}>
                        {L("open")} →
                      </Link>
                    ) : null}
                  </th>
                  <td className={styles.num}>
                    <strong>{formatIndicatorValue(def, row.own, lang)}</strong>
                  </td>
                  <td className={styles.num}>{def.kind === "count" || def.kind === "amount" ? NULL_DISPLAY : terms}</td>
                  <td className={styles.num}>{row.n}</td>
                  <td className={styles.num}>{fmt(row.p25)}</td>
                  <td className={styles.num}>{fmt(row.median)}</td>
                  <td className={styles.num}>{fmt(row.p75)}</td>
                  <td>
                    <Band def={def} row={row} lang={lang} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {anySmall ? <p className={styles.note}>{smallSampleNote(lang)}</p> : null}
      {data.group && anyPeers ? (
        <p className={styles.note}>
          <Link href={compareHref(data.group, data.rows[0]!.indicatorKey, data.year)}>{L("compare")} →</Link>
        </p>
      ) : null}
    </section>
  );
}
