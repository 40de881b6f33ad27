// Simplified Chinese is the source dictionary: its keys define `MessageKey`, and every other
// language must provide exactly the same keys (checked by the type of `en` and by tests).
export const zh = {
  "app.name": "公开",
  "app.nameLatin": "Gongkai",
  "app.tagline": "政府信息公开工作年度报告分析平台",
  "app.description": "汇集、校验并比较各机关的政府信息公开工作年度报告。",

  "nav.label": "主导航",
  "nav.overview": "总览",
  "nav.regions": "地区",
  "nav.agencies": "机关",
  "nav.compare": "对比",
  "nav.quality": "质量",
  "nav.selfReview": "自查",

  "lang.label": "语言",
  "lang.switchTo": "切换语言",
  "lang.zh": "中文",
  "lang.en": "English",

  "empty.noReports": "尚无已导入的年报。",
  // {command} is rendered as code; see `splitOnPlaceholder`.
  "empty.howToLoad": "用 {command} 导入年报文件，或等待演示数据加载。",

  "page.overview.title": "总览",
  "page.overview.lead": "全省各机关年报的申请量、办理结果、复议诉讼与纠错情况一览。",
  "page.regions.title": "地区",
  "page.regions.lead": "从省到市州、区县逐级查看年报数据，下钻到单个机关的报告。",
  "page.agencies.title": "机关",
  "page.agencies.lead": "按机关浏览每一年的年报、来源文件和每个数字的出处。",
  "page.compare.title": "对比",
  "page.compare.lead": "选择机关、年份和指标，生成可直接用于简报的对比图表与表格。",
  "page.quality.title": "质量",
  "page.quality.lead": "逐表逐格列出校验发现的问题，并指出需要更正的单元格。",
  "page.selfReview.title": "自查",
  "page.selfReview.lead": "机关工作人员在发布前后核对本机关年报，并与同类机关对照。",

  "notFound.title": "页面不存在",
  "notFound.body": "找不到您要访问的页面。",
  "notFound.home": "返回总览",

  "loading.label": "正在加载…",

  "footer.note": "公开 Gongkai · 开源的政府信息公开年报分析平台",
} as const;

export type MessageKey = keyof typeof zh;
