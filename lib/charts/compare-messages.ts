/**
 * Strings of the comparison page, its charts and its exports, in both languages. Kept beside the
 * builders (as lib/charts/messages.ts is for the dashboards) so the page, the SSR export and the
 * spreadsheets use one wording.
 */
import type { Lang } from "../i18n";

const MESSAGES = {
  "view.bars": { zh: "分组柱状图", en: "Grouped bars" },
  "view.lines": { zh: "趋势线", en: "Trend lines" },
  "view.multiples": { zh: "分面小图", en: "Small multiples" },
  "view.ranking": { zh: "排名", en: "Ranking" },

  "title.compare": { zh: "{indicator}对比（{years}年）", en: "{indicator}: comparison, {years}" },
  "title.ranking": { zh: "{indicator}排名（{year}年）", en: "{indicator}: ranking, {year}" },
  "chart.formula": { zh: "计算公式", en: "Formula" },
  "chart.source": { zh: "数据来源：公开 Gongkai，各机关政府信息公开工作年度报告", en: "Source: Gongkai (公开), the agencies' annual government-information-disclosure reports" },
  "chart.exported": { zh: "导出日期：{date}", en: "Exported {date}" },
  "chart.peerMedian": { zh: "对比对象中位数", en: "Median of the compared agencies" },
  "chart.median": { zh: "中位数", en: "Median" },
  "chart.smallSample": { zh: "* 样本较小（分母不足 30），仅供参考；浅色柱为小样本", en: "* Small sample (denominator under 30): indicative only; pale bars are small samples" },
  "chart.regionAggregate": {
    zh: "注：标“（汇总）”的为汇总全市类报告，含下级机关数据，与本级报告口径不同。",
    en: "Note: “(region-wide)” marks region-aggregate reports, which include subordinate agencies' figures and are not like-for-like.",
  },
  "chart.aggregateMark": { zh: "（汇总）", en: " (region-wide)" },
  "chart.formatMixed": {
    zh: "注意：所选年度跨越2019年与2021年两版报告格式，该指标两版口径不同，前后年度不宜直接比较。",
    en: "Note: the years span the 2019 and 2021 report formats, whose definitions of this indicator differ; compare across the change with care.",
  },
  "chart.fontMissing": { zh: "CJK font not found — install fonts-noto-cjk（未找到中文字体）", en: "CJK font not found — install fonts-noto-cjk" },
  "chart.noValue": { zh: "—", en: "—" },
  "chart.medianNote": {
    zh: "虚线 = 对比对象（本级报告）在该年度的中位数。",
    en: "Dashed line = median of the compared agencies (self-scope reports) that year.",
  },

  "col.agency": { zh: "机关", en: "Agency" },
  "col.adminCode": { zh: "行政区划代码", en: "Admin code" },
  "col.year": { zh: "年度", en: "Year" },
  "col.indicator": { zh: "指标", en: "Indicator" },
  "col.indicatorKey": { zh: "指标代码", en: "Indicator key" },
  "col.numerator": { zh: "分子", en: "Numerator" },
  "col.denominator": { zh: "分母", en: "Denominator" },
  "col.value": { zh: "数值", en: "Value" },
  "col.shown": { zh: "显示值", en: "As shown" },
  "col.smallSample": { zh: "小样本", en: "Small sample" },
  "col.scope": { zh: "口径", en: "Scope" },
  "col.note": { zh: "说明", en: "Note" },
  "col.reportId": { zh: "年报编号", en: "Report id" },
  "col.median": { zh: "对比对象中位数", en: "Median of compared" },

  "yes": { zh: "是", en: "yes" },
  "no": { zh: "否", en: "no" },
  "scope.self": { zh: "本级", en: "self" },
  "scope.region_aggregate": { zh: "汇总全市", en: "region-wide" },
  "scope.unknown": { zh: "未识别", en: "unknown" },

  "reason.no_report": { zh: "无已发布年报", en: "no published report" },
  "reason.zero_denominator": { zh: "分母为零", en: "zero denominator" },
  "reason.missing_cells": { zh: "缺少数据", en: "figures missing" },
  "reason.not_in_format": { zh: "该格式报告无此项", en: "not in this report format" },
  "reason.missing_previous": { zh: "缺少上一年度报告", en: "no previous-year report" },
  "reason.no_reports": { zh: "无可汇总的报告", en: "no reports to sum" },
  "reason.excluded_errors": { zh: "已排除：年报有错误", en: "excluded: report has errors" },
  "chart.noData": { zh: "无数据", en: "no data" },
  "chart.flaggedMark": { zh: "⚠", en: "⚠" },
  "chart.handCorrectedNote": {
    zh: "✎ 含手工更正数字：标 ✎ 的数值由含手工更正数字的年报计算（见数据表与导出的“含手工更正数字”列）",
    en: "✎ Corrected by hand: values marked ✎ are computed from a report with figures corrected by hand (see the table's and the export's column)",
  },
  "chart.flaggedNote": {
    zh: "⚠ = 该年报校验发现错误（如合计不等于分项之和），数字可能不准确；红色虚线框标出。可在“指标、年份与图表”中选择排除这些年报。",
    en: "⚠ = the report has error findings (e.g. a total that is not the sum of its parts), so the figure may be wrong; outlined in dashed red. Choose to exclude such reports under “Indicator, years and chart”.",
  },
  "chart.impossibleMark": { zh: "不可能的值", en: "impossible value" },
  "chart.impossibleNote": {
    zh: "灰色柱为不可能的值（如比率超过100%，34件办结却只有33件受理），排在最后，不计入中位数和四分位数。",
    en: "Grey bars are impossible values (e.g. a share above 100 %: 34 handled of 33 received); ranked last and left out of the median and quartiles.",
  },
  "chart.excludedNote": { zh: "已排除有错误年报的数字（{n} 个）。", en: "Figures from reports with errors left out ({n})." },
  "chart.quartiles": { zh: "P25–P75", en: "P25–P75" },
  "chart.quartileNote": {
    zh: "虚线 = 中位数；浅色带 = 四分位区间（P25–P75），均按本级报告的可能值计算。",
    en: "Dashed line = median; shaded band = interquartile range (P25–P75), over self-scope reports' possible values.",
  },
  "col.reportErrors": { zh: "年报有错误", en: "Report has errors" },
  "col.handCorrected": { zh: "含手工更正数字", en: "Corrected by hand" },
  "col.impossible": { zh: "不可能的值", en: "Impossible value" },
  "page.flagged": { zh: "有错误的年报", en: "Reports with errors" },
  "page.flaggedInclude": { zh: "显示并标出", en: "Show, marked" },
  "page.flaggedExclude": { zh: "排除", en: "Exclude" },

  "readme.title": { zh: "说明", en: "README" },
  "readme.intro": {
    zh: "本工作簿由 公开 Gongkai 对比页导出。每张工作表对应当前视图中的一张图，数据与图中数值完全一致。",
    en: "Exported from the Gongkai comparison page. Each sheet holds one chart of the current view, with exactly the chart's figures.",
  },
  "readme.link": { zh: "对比链接", en: "Comparison link" },
  "readme.rules": {
    zh: "比率 = 分子 ÷ 分母（每个机关每年一份现行已发布年报，不对比率求平均）；分母为 0 时数值为空（“—”）；分母不足 30 标为小样本。",
    en: "Rate = numerator ÷ denominator (one current published report per agency and year; rates are never averaged); a zero denominator leaves the value empty (“—”); a denominator under 30 is flagged as a small sample.",
  },
  "readme.sheet": { zh: "工作表", en: "Sheet" },
  "readme.formula": { zh: "计算公式", en: "Formula" },
  "readme.exported": { zh: "导出时间", en: "Exported" },

  "page.selected": { zh: "对比对象", en: "Compared" },
  "page.none": { zh: "尚未选择机关。请在下方按名称或行政区划代码搜索，或添加一个同类组。", en: "No agency chosen yet. Search by name or admin code below, or add a peer group." },
  "page.remove": { zh: "移除", en: "Remove" },
  "page.search": { zh: "搜索机关", en: "Find agencies" },
  "page.searchLabel": { zh: "机关名称或行政区划代码", en: "Agency name or admin code" },
  "page.searchButton": { zh: "搜索", en: "Search" },
  "page.searchNone": { zh: "没有找到匹配的机关。", en: "No agency matches." },
  "page.add": { zh: "添加", en: "Add" },
  "page.added": { zh: "已添加", en: "Added" },
  "page.addGroup": { zh: "添加同类组", en: "Add a peer group" },
  "page.groupKind": { zh: "机关类型", en: "Kind" },
  "page.groupLevel": { zh: "层级", en: "Level" },
  "page.groupRegion": { zh: "地区", en: "Region" },
  "page.groupDept": { zh: "部门类别", en: "Department type" },
  "page.any": { zh: "不限", en: "Any" },
  "page.groupButton": { zh: "添加该组", en: "Add group" },
  "page.groupMembers": { zh: "{n} 个机关", en: "{n} agencies" },
  "page.settings": { zh: "指标、年份与图表", en: "Indicator, years and chart" },
  "page.indicator": { zh: "指标", en: "Indicator" },
  "page.indicatorFilter": { zh: "筛选指标（名称或代码）", en: "Filter indicators (name or key)" },
  "page.yearFrom": { zh: "起始年份", en: "From year" },
  "page.yearTo": { zh: "截止年份", en: "To year" },
  "page.view": { zh: "图表类型", en: "Chart type" },
  "page.apply": { zh: "更新图表", en: "Update charts" },
  "page.downloads": { zh: "下载", en: "Download" },
  "page.downloadPng": { zh: "图片 PNG", en: "Image PNG" },
  "page.downloadSvg": { zh: "矢量图 SVG", en: "Vector SVG" },
  "page.downloadCsv": { zh: "数据 CSV", en: "Data CSV" },
  "page.downloadXlsx": { zh: "数据 Excel", en: "Data Excel" },
  "page.pack": { zh: "下载对比数据包（Excel，每图一表）", en: "Download the comparison pack (Excel, one sheet per chart)" },
  "page.print": { zh: "打印", en: "Print" },
  "page.table": { zh: "数据表", en: "Data table" },
  "page.link": { zh: "本页链接可直接分享，所有选择都保存在网址中。", en: "Share this page's link: every choice is kept in the URL." },
  "page.error": { zh: "参数有误", en: "Invalid parameters" },
  "page.noYears": { zh: "所选机关在所选年度没有已发布的年报。", en: "The chosen agencies have no published report in these years." },
  "page.pngSize": { zh: "PNG 尺寸 {w}×{h}", en: "PNG {w}×{h}" },
} as const satisfies Record<string, { zh: string; en: string }>;

export type CompareMessageKey = keyof typeof MESSAGES;

export function ct(lang: Lang, key: CompareMessageKey, vars?: Readonly<Record<string, string | number>>): string {
  let s: string = MESSAGES[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}
