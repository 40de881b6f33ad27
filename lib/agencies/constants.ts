/** Publisher kinds and department types (REPORT-FORMAT.md §5.1): drizzle-free, safe for client code. */
export const AGENCY_KINDS = ["government", "department", "dev_zone", "township", "other"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Normalised department functions (REPORT-FORMAT.md §5.1 dept_type), matched by keyword, first hit wins. */
export const DEPT_TYPE_DEFS = [
  { key: "办公室", en: "General office", keywords: ["办公室", "办公厅"] },
  { key: "自然资源", en: "Natural resources", keywords: ["自然资源", "国土资源", "规划和自然资源"] },
  { key: "住建", en: "Housing and construction", keywords: ["住房和城乡建设", "住房城乡建设", "住建", "城乡规划建设"] },
  { key: "人社", en: "Human resources and social security", keywords: ["人力资源和社会保障", "人力资源社会保障", "人社"] },
  { key: "公安", en: "Public security", keywords: ["公安"] },
  { key: "生态环境", en: "Ecology and environment", keywords: ["生态环境", "环境保护"] },
  { key: "市场监管", en: "Market regulation", keywords: ["市场监督管理", "市场监管"] },
  { key: "教育", en: "Education", keywords: ["教育"] },
  { key: "卫健", en: "Health", keywords: ["卫生健康", "卫生和计划生育", "卫健"] },
  { key: "财政", en: "Finance", keywords: ["财政"] },
  { key: "信访", en: "Petitions", keywords: ["信访"] },
  { key: "审计", en: "Audit", keywords: ["审计"] },
  { key: "交通运输", en: "Transport", keywords: ["交通运输", "交通"] },
  { key: "水利", en: "Water resources", keywords: ["水利", "水务"] },
  { key: "农业农村", en: "Agriculture", keywords: ["农业农村", "农业"] },
  { key: "民政", en: "Civil affairs", keywords: ["民政"] },
  { key: "司法", en: "Justice", keywords: ["司法"] },
  { key: "商务", en: "Commerce", keywords: ["商务"] },
  { key: "发展改革", en: "Development and reform", keywords: ["发展和改革", "发展改革", "发改"] },
  { key: "应急管理", en: "Emergency management", keywords: ["应急管理"] },
  { key: "文化旅游", en: "Culture and tourism", keywords: ["文化和旅游", "文化旅游", "文体广电旅游"] },
  { key: "林业", en: "Forestry", keywords: ["林业"] },
  { key: "统计", en: "Statistics", keywords: ["统计"] },
  { key: "医疗保障", en: "Healthcare security", keywords: ["医疗保障", "医保"] },
  { key: "退役军人", en: "Veterans affairs", keywords: ["退役军人"] },
  { key: "机关事务", en: "Government offices administration", keywords: ["机关事务"] },
  { key: "大数据", en: "Big data", keywords: ["大数据"] },
  { key: "能源", en: "Energy", keywords: ["能源"] },
  { key: "工业和信息化", en: "Industry and IT", keywords: ["工业和信息化", "工信"] },
  { key: "科技", en: "Science and technology", keywords: ["科学技术", "科技"] },
  { key: "民族宗教", en: "Ethnic and religious affairs", keywords: ["民族宗教"] },
  { key: "政务服务", en: "Government services", keywords: ["政务服务"] },
  { key: "综合执法", en: "Comprehensive law enforcement", keywords: ["综合行政执法", "城市管理", "综合执法"] },
  { key: "税务", en: "Taxation", keywords: ["税务"] },
] as const;
export type DeptType = (typeof DEPT_TYPE_DEFS)[number]["key"];
/** The department types the UI offers, in this order; the registry's dept_type holds one of these. */
export const DEPT_TYPES = DEPT_TYPE_DEFS.map((d) => d.key);
