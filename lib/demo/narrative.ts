/**
 * Report prose: preamble, section 一 (five subsections; 一(二) restates the 表三/表四 totals and the
 * application topics in the sample's phrasing), section 五 (problems and improvements) and 六.
 *
 * Sentences come from pools and are picked per agency-year, avoiding last year's picks, so the
 * same agency's section 一/五 stay well under the S-X-DUP similarity threshold year to year.
 * Pool sentences avoid every topic keyword (lib/catalog/topics.ts) so that topics are only what
 * the 一(二) topic sentence states.
 */
import type { NarrativeKey, TopicKey } from "../catalog";
import type { DemoAgency } from "./agencies";
import type { Rng } from "./prng";

export type StatedFigures = Partial<Record<NarrativeKey, number>>;

/** Which pool entries a year used; reused verbatim when an injected error copies last year. */
export interface NarrativeChoices {
  lead: number;
  focus: number;
  headings: number;
  s1: number[];
  s3: number[];
  s4: number[];
  s5: number[];
  apply: number;
  dispute: number;
  topicForm: number;
  topicPhrases: number[];
  problemsIntro: number;
  problems: number[];
  improvementsIntro: number;
  improvements: number[];
  six: number;
  preamble: number;
  nums: number[];
}

export interface NarrativeFigures {
  new_received: number;
  carried_over: number;
  handled_total: number;
  carried_forward: number;
  granted: number;
  partially_granted: number;
  denied: number;
  unable: number;
  not_processed: number;
  other: number;
  review: { upheld: number; corrected: number; other: number; pending: number; total: number };
  litigation: { upheld: number; corrected: number; other: number; pending: number; total: number };
  fee_unpaid: number;
  normative_in_force: number | null;
}

// ───────────────────────────── pools ─────────────────────────────

const PARTY: Record<number, string> = {
  2019: "深入贯彻党的十九大和十九届二中、三中、四中全会精神",
  2020: "深入贯彻党的十九大和十九届二中、三中、四中、五中全会精神",
  2021: "全面学习贯彻党的十九大和十九届历次全会精神",
  2022: "认真学习宣传贯彻党的二十大精神",
  2023: "全面贯彻落实党的二十大精神",
  2024: "深入贯彻党的二十大和二十届二中、三中全会精神",
};

const FOCUS = [
  "紧紧围绕便民利企、信息质量、信息安全等方面深化政府信息公开",
  "坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开",
  "聚焦群众关切和企业需求，不断提升政务公开的针对性和实效性",
  "按照省、市关于政务公开工作的部署要求，扎实做好各项公开工作",
  "把政务公开作为建设法治政府、服务型政府的重要抓手，推动各项工作落地落实",
  "以制度建设为抓手，不断健全完善政务公开工作机制",
];

const LEADS = [
  "{Y}年，{subj}坚持以习近平新时代中国特色社会主义思想为指导，{party}，认真贯彻落实《中华人民共和国政府信息公开条例》，{focus}，不断提升政务公开质量和实效。",
  "{Y}年，{subj}高度重视政府信息公开工作，在上级主管部门的精心指导下，{focus}，政府信息公开工作取得新成效。",
  "{Y}年，{subj}严格落实《中华人民共和国政府信息公开条例》各项规定，{party}，{focus}，切实保障人民群众的知情权、参与权、表达权和监督权。",
  "{Y}年，{subj}以习近平新时代中国特色社会主义思想为指导，{focus}，推动政府信息公开工作规范化、标准化水平持续提升。",
];

const HEADINGS = [
  ["（一）主动公开方面。", "（二）依申请公开。", "（三）政府信息管理。", "（四）政府信息公开平台建设。", "（五）监督保障。"],
  ["（一）主动公开情况。", "（二）依申请公开情况。", "（三）政府信息管理情况。", "（四）政府信息公开平台建设情况。", "（五）监督保障情况。"],
  ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设", "（五）监督保障"],
];

const S1 = [
  "严格落实公开属性源头认定机制，对拟制发的公文逐件明确公开属性。",
  "及时更新机构职能、领导信息、政策文件等基础信息，确保公开内容准确完整。",
  "坚持政策文件与解读材料同步组织、同步审签、同步部署，全年发布政策解读{n2}篇。",
  "围绕重点领域信息公开，及时发布预决算、重大建设项目批准和实施等信息。",
  "积极回应社会关切，对涉及群众切身利益的热点问题及时发布权威信息。",
  "持续加强政府信息公开专栏内容保障，按时更新各栏目信息。",
  "加大惠企政策公开力度，集中发布涉企政策清单{n3}项。",
  "通过政务新媒体同步推送重要政策信息，扩大信息传播覆盖面。",
  "规范开展“五公开”工作，推进决策、执行、管理、服务、结果全过程公开。",
  "及时公开人事任免、公务员招录等信息，主动接受社会监督。",
  "组织开展政府开放日活动{n4}次，邀请群众代表走进机关，近距离了解工作情况。",
  "对重大行政决策事项开展意见征集{n4}次，广泛听取公众意见建议。",
];

const S1_FIGURES = [
  "全年通过门户网站主动公开政府信息{n1}条，其中工作动态{n5}条、通知公告{n6}条。",
  "{Y}年，累计主动公开各类政府信息{n1}条。",
  "全年在政府信息公开专栏发布信息{n1}条，通过政务新媒体发布信息{n7}条。",
];

const S3 = [
  "严格执行信息发布“三审三校”制度，对拟公开信息逐条进行保密审查，全年未发生泄密事件。",
  "加强行政规范性文件统一登记、统一编号、统一公开，及时清理并标注失效文件。",
  "动态调整政府信息公开目录，及时更新政府信息公开指南。",
  "建立健全政府信息公开工作台账，实行“一件一档”管理。",
  "组织开展政务公开业务培训{n8}次，参训人员{n9}人次，工作人员业务能力进一步提升。",
  "定期开展网站错敏信息排查，对发现的问题及时整改。",
  "严格落实个人信息保护要求，对拟公开信息中的个人隐私进行去标识化处理。",
  "加强政府信息公开与保密审查工作的衔接，明确审查责任。",
];

const S4 = [
  "持续优化{site}政府信息公开专栏，完善栏目设置，提升平台易用性。",
  "完成网站适老化和无障碍改造，方便老年人和残障人士获取信息。",
  "加强政务新媒体规范管理，全年通过政务新媒体发布信息{n7}条。",
  "依托全省统一政务服务平台，推进线上线下信息同步公开。",
  "在政务服务大厅设置政府信息公开查阅点，为群众提供查阅服务。",
  "强化网站安全防护，定期开展安全检测，保障平台平稳运行。",
  "推进政府网站集约化建设，统一信息发布标准。",
  "按照全省统一移动应用平台推广要求，做好“中国·贵州”移动端信息同步发布。",
];

const S4_GOV = "做好政府公报编辑发布工作，全年编印政府公报{n10}期。";

const S5 = [
  "成立政务公开工作领导小组，明确专人负责政府信息公开日常工作。",
  "将政务公开工作纳入年度目标考核，层层压实工作责任。",
  "定期对政府信息公开工作进行自查，发现问题及时整改到位。",
  "畅通意见建议反馈渠道，主动接受社会监督。",
  "认真落实上级政务公开考核评估反馈意见，逐项整改落实。",
  "通过社会评议等方式听取群众对政务公开工作的意见建议。",
  "加强对所属单位政务公开工作的指导，下发工作提示{n11}期。",
];

const PROBLEMS = [
  "政策解读形式较为单一，图解、音视频等多元化解读方式运用不够",
  "主动公开信息的及时性有待提高，个别栏目更新不够及时",
  "政务新媒体影响力不足，原创信息较少",
  "工作人员业务能力有待加强，对《条例》的理解把握还不够深入",
  "依申请公开答复的规范化水平有待进一步提升",
  "政府信息公开专栏栏目设置不够完善，部分栏目内容较少",
  "回应社会关切的主动性不够，互动交流渠道作用发挥不充分",
  "公开内容的深度和广度不够，群众关注度高的信息公开不够全面",
  "政务公开标准化规范化建设推进不平衡",
  "信息发布审核把关不够严格，偶有错别字等问题",
  "政府开放日等公众参与活动开展次数偏少",
  "政务公开工作人员变动较为频繁，工作衔接不够顺畅",
  "规范性文件清理后的动态更新不够及时",
  "网站适老化改造后的功能宣传推广不足",
];

const IMPROVEMENTS = [
  "丰富政策解读形式，更多运用图表图解、视频等方式，提高政策解读的可读性",
  "建立栏目更新提醒机制，确保信息发布及时准确",
  "加强政务新媒体运营管理，提升原创信息比例",
  "定期组织业务培训，提升工作人员依法公开的能力和水平",
  "严格依申请公开办理流程，规范答复文书，做到依法依规答复",
  "对照公开标准目录，梳理完善栏目设置，充实公开内容",
  "加强与群众互动交流，及时回应社会关切",
  "聚焦群众关心关注的事项，拓展公开的深度和广度",
  "加强对所属单位政务公开工作的指导督促",
  "严格落实“三审三校”制度，提高信息发布质量",
  "常态化开展政府开放日活动，扩大公众参与",
  "建立健全工作交接机制，保持政务公开队伍相对稳定",
  "及时做好规范性文件动态更新和失效标注工作",
  "加强适老化服务功能宣传，方便老年群体获取政府信息",
];

const PROBLEMS_INTRO = [
  "{Y}年，{subj}政府信息公开工作取得了一定成效，但仍存在一些不足：",
  "对照新形势新要求，{subj}政府信息公开工作还存在以下问题：",
  "存在的主要问题：",
  "一年来，政府信息公开工作虽然取得了一定成绩，但也存在一些薄弱环节：",
];

const IMPROVEMENTS_INTRO = [
  "下一步，{subj}将重点做好以下工作：",
  "改进措施：",
  "下一步工作中，将从以下方面做好政府信息公开工作：",
  "针对上述问题，{subj}将采取以下措施加以改进：",
];

const ORDINALS = ["一", "二", "三", "四"];

/** Topic phrases; each contains keywords of its own topic only. */
export const TOPIC_PHRASES: Record<TopicKey, readonly string[]> = {
  land_requisition: ["土地征收", "征地补偿", "征收补偿安置"],
  demolition: ["房屋拆迁", "房屋征收", "棚户区改造"],
  planning: ["规划许可", "城乡规划", "建设工程规划"],
  property_registration: ["不动产登记", "土地证办理"],
  social_security: ["社会保障", "养老保险", "低保救助"],
  housing_security: ["住房保障", "公租房分配"],
  project_approval: ["项目审批", "项目立项", "环评审批"],
  enforcement: ["行政处罚", "行政执法案卷"],
  public_funds: ["财政资金使用", "补贴发放", "专项资金"],
  education: ["招生入学", "教育经费"],
  environment: ["环境污染", "生态环境"],
  other: ["机构职能", "工作人员信息"],
};

/** Every string a pool can produce, for the topic-keyword test. */
export const NARRATIVE_POOLS: readonly string[] = [...FOCUS, ...LEADS, ...S1, ...S1_FIGURES, ...S3, ...S4, S4_GOV, ...S5, ...PROBLEMS, ...IMPROVEMENTS, ...PROBLEMS_INTRO, ...IMPROVEMENTS_INTRO, ...Object.values(PARTY)];

// ───────────────────────────── helpers ─────────────────────────────

/** "本局"/"本厅"/"市政府办公室"/"本镇"/"全市各级行政机关". */
export function subjectOf(agency: DemoAgency): string {
  if (agency.kind === "government") {
    if (agency.scope === "region_aggregate") return `全${regionWord(agency)}各级行政机关`;
    if (agency.level === "province") return "省政府办公厅";
    return `${regionWord(agency)}政府办公室`;
  }
  if (agency.kind === "township") return agency.regionName.endsWith("街道") ? "本街道" : agency.regionName.endsWith("乡") ? "本乡" : "本镇";
  if (agency.name.endsWith("厅")) return "本厅";
  if (agency.name.endsWith("委员会")) return "本委";
  if (agency.name.endsWith("分局")) return "本分局";
  return "本局";
}

function regionWord(agency: DemoAgency): string {
  const n = agency.regionName;
  if (agency.level === "province") return "省";
  if (n.endsWith("自治州")) return "州";
  if (n.endsWith("特区")) return "特区";
  return n.slice(-1);
}

/** k indices from 0..n-1 avoiding `avoid` where the pool allows. */
function pickFresh(rng: Rng, n: number, k: number, avoid: readonly number[]): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  const fresh = all.filter((i) => !avoid.includes(i));
  const first = rng.sample(fresh, Math.min(k, fresh.length));
  if (first.length < k) first.push(...rng.sample(all.filter((i) => !first.includes(i)), k - first.length));
  return first.sort((a, b) => a - b);
}

function pickOther(rng: Rng, n: number, avoid: number | undefined): number {
  if (n <= 1) return 0;
  let i = rng.int(0, n - 1);
  if (i === avoid) i = (i + 1 + rng.int(0, n - 2)) % n;
  return i;
}

export function drawChoices(agency: DemoAgency, rng: Rng, prev: NarrativeChoices | null): NarrativeChoices {
  const big = agency.kind !== "township";
  return {
    lead: pickOther(rng, LEADS.length, prev?.lead),
    focus: pickOther(rng, FOCUS.length, prev?.focus),
    headings: prev && rng.chance(0.7) ? prev.headings : rng.int(0, HEADINGS.length - 1),
    s1: pickFresh(rng, S1.length, big ? 3 : 2, prev?.s1 ?? []),
    s3: pickFresh(rng, S3.length, big ? 3 : 2, prev?.s3 ?? []),
    s4: pickFresh(rng, S4.length, big ? 2 : 1, prev?.s4 ?? []),
    s5: pickFresh(rng, S5.length, big ? 3 : 2, prev?.s5 ?? []),
    apply: pickOther(rng, 5, prev?.apply),
    dispute: pickOther(rng, 3, prev?.dispute),
    topicForm: pickOther(rng, 3, prev?.topicForm),
    topicPhrases: [rng.int(0, 5), rng.int(0, 5), rng.int(0, 5)],
    problemsIntro: pickOther(rng, PROBLEMS_INTRO.length, prev?.problemsIntro),
    problems: pickFresh(rng, PROBLEMS.length, rng.int(2, 3), prev?.problems ?? []),
    improvementsIntro: pickOther(rng, IMPROVEMENTS_INTRO.length, prev?.improvementsIntro),
    improvements: pickFresh(rng, IMPROVEMENTS.length, rng.int(2, 3), prev?.improvements ?? []),
    six: rng.int(0, 3),
    preamble: prev ? prev.preamble : rng.int(0, 1),
    nums: Array.from({ length: 12 }, () => rng.next()),
  };
}

function fill(tpl: string, vars: Record<string, string | number>): string {
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** Counts for the proactive-disclosure sentences, scaled to the agency's size. */
function proactiveNumbers(agency: DemoAgency, u: number[]): Record<string, number> {
  const size = agency.kind === "township" ? 0.15 : agency.level === "province" ? 4 : agency.level === "prefecture" ? 2 : 1;
  const n = (i: number, lo: number, hi: number) => Math.max(1, Math.round((lo + (u[i] ?? 0.5) * (hi - lo)) * size));
  const n5 = n(1, 150, 700);
  const n6 = n(2, 30, 160);
  return { n1: n5 + n6 + n(0, 20, 120), n2: n(3, 3, 25), n3: n(4, 5, 40), n4: Math.max(1, Math.round(1 + (u[5] ?? 0) * 3)), n5, n6, n7: n(6, 100, 900), n8: Math.max(1, Math.round(1 + (u[7] ?? 0) * 4)), n9: n(8, 20, 160), n10: Math.max(1, Math.round(4 + (u[9] ?? 0) * 8)), n11: Math.max(1, Math.round(2 + (u[10] ?? 0) * 8)) };
}

// ───────────────────────────── 一(二) ─────────────────────────────

function disputeDetail(parts: { upheld: number; corrected: number; other: number; pending: number }, kind: "review" | "lit"): string {
  const out: string[] = [];
  if (parts.upheld) out.push(kind === "review" ? `${parts.upheld}件维持原行政行为` : `${parts.upheld}件判决驳回诉讼请求`);
  if (parts.corrected) out.push(kind === "review" ? `${parts.corrected}件被责令重新答复` : `${parts.corrected}件被判决重新答复`);
  if (parts.other) out.push(kind === "review" ? `${parts.other}件申请人撤回申请` : `${parts.other}件申请人撤诉`);
  if (parts.pending) out.push(`${parts.pending}件尚未审结`);
  return out.join("；");
}

/**
 * The 依申请公开 paragraph. `state` holds the figures it states (normally the true totals; an
 * injected narrative error swaps one). Returns the text and the figures actually stated.
 */
/**
 * Draws for the sentence that states per-topic counts ("其中，涉及土地征收的申请5件…"); null:
 * the report names topics without counts, as most real reports do.
 */
export interface TopicCountDraw {
  u1: number;
  u2: number;
  form: number;
}

export interface StatedTopicCount {
  key: TopicKey;
  count: number;
}

/** The counts a report states for its first one or two topics, never more than its new applications. */
export function topicCountsFor(topics: readonly TopicKey[], n: number, d: TopicCountDraw | null): StatedTopicCount[] {
  if (!d || n < 3) return [];
  const named = topics.filter((t) => t !== "other");
  const [t1, t2] = named;
  if (!t1) return [];
  const k1 = Math.max(1, Math.round(n * (0.25 + 0.45 * d.u1)));
  const out: StatedTopicCount[] = [{ key: t1, count: k1 }];
  const k2 = Math.round((n - k1) * 0.5 * d.u2);
  if (t2 && k2 >= 1) out.push({ key: t2, count: k2 });
  return out;
}

function applyParagraph(
  agency: DemoAgency,
  year: number,
  c: NarrativeChoices,
  f: NarrativeFigures,
  topics: TopicKey[],
  countDraw: TopicCountDraw | null,
): { text: string; stated: StatedFigures; topicCounts: StatedTopicCount[] } {
  const subj = subjectOf(agency);
  const stated: StatedFigures = {};
  const s: string[] = [];
  const n = f.new_received;
  const co = f.carried_over;
  const h = f.handled_total;
  const cf = f.carried_forward;
  const zero = n === 0 && co === 0 && h === 0 && cf === 0;
  let topicCounts: StatedTopicCount[] = [];
  if (zero && c.apply % 2 === 0) {
    s.push(`${year}年，${subj}未收到政府信息公开申请，无上年结转申请。`);
  } else if (zero) {
    s.push(`${year}年，${subj}共收到政府信息公开申请0件，上年结转0件，办结0件，结转下年度0件。`);
    Object.assign(stated, { new_received: 0, carried_over: 0, handled_total: 0, carried_forward: 0 });
  } else {
    switch (c.apply) {
      case 0:
        s.push(`${year}年，${subj}收到依申请公开信件${n}件，上一年度转办${co}件，所有信件都在法定时限内规范办理答复，其中，已办结${h}件，${cf}件转下年度继续办理，并按一件一档规范档案管理。`);
        Object.assign(stated, { new_received: n, carried_over: co, handled_total: h, carried_forward: cf });
        break;
      case 1:
        s.push(`${year}年，${subj}共收到政府信息公开申请${n}件，上年结转${co}件，共办结${h}件，结转下年度继续办理${cf}件。`);
        Object.assign(stated, { new_received: n, carried_over: co, handled_total: h, carried_forward: cf });
        break;
      case 2:
        s.push(`全年新收政府信息公开申请${n}件，上年度结转申请${co}件；已答复办结${h}件，结转下年度办理${cf}件，均在法定期限内予以答复。`);
        Object.assign(stated, { new_received: n, carried_over: co, handled_total: h, carried_forward: cf });
        break;
      case 3:
        s.push(
          `${year}年，${subj}共收到政府信息公开申请${n}件，办结${h}件。从办理结果看，予以公开${f.granted}件，部分公开${f.partially_granted}件，不予公开${f.denied}件，无法提供${f.unable}件，不予处理${f.not_processed}件，其他处理${f.other}件。`,
        );
        if (cf > 0) s.push(`另有${cf}件转下年度继续办理。`);
        Object.assign(stated, { new_received: n, handled_total: h });
        if (cf > 0) stated.carried_forward = cf;
        break;
      default:
        s.push(`${year}年，${subj}依法受理政府信息公开申请${n}件，上年结转${co}件，办结${h}件，结转下年度${cf}件。`);
        Object.assign(stated, { new_received: n, carried_over: co, handled_total: h, carried_forward: cf });
    }
  }
  if (n > 0 && topics.length > 0) {
    const phrases = topics.map((t, i) => {
      const list = TOPIC_PHRASES[t];
      return list[(c.topicPhrases[i] ?? 0) % list.length] ?? list[0] ?? "";
    });
    const joined = phrases.length > 1 ? `${phrases.slice(0, -1).join("、")}和${phrases[phrases.length - 1]}` : (phrases[0] ?? "");
    const listed = phrases.join("、");
    s.push([`申请内容主要集中在${listed}等方面。`, `申请事项主要涉及${joined}。`, `从申请内容看，主要集中在${listed}等领域。`][c.topicForm] ?? "");
    // Some reports also say how many applications a topic drew (the only per-topic count a 年报 gives).
    topicCounts = topicCountsFor(topics, n, countDraw);
    const phraseOf = (t: TopicKey) => phrases[topics.indexOf(t)] ?? TOPIC_PHRASES[t][0] ?? "";
    if (topicCounts.length > 0) {
      s.push(
        countDraw?.form === 1
          ? `按申请内容分，${topicCounts.map((x) => `${phraseOf(x.key)}类${x.count}件`).join("、")}。`
          : `其中，${topicCounts.map((x) => `涉及${phraseOf(x.key)}的申请${x.count}件`).join("，")}。`,
      );
    }
  }
  const r = f.review;
  const l = f.litigation;
  if (r.total === 0 && l.total === 0 && c.dispute === 0) {
    // A statement of zero: parsers read it as 0 reconsiderations and 0 lawsuits.
    s.push(`${year}年，未发生因政府信息公开引起的行政复议、行政诉讼案件。`);
    Object.assign(stated, { review_total: 0, litigation_total: 0 });
  } else if (r.total === 0 && l.total === 0) {
    s.push(`${year}年，${subj}因政府信息公开被申请行政复议0件，被提起行政诉讼0件。`);
    Object.assign(stated, { review_total: 0, litigation_total: 0 });
  } else {
    const rd = disputeDetail(r, "review");
    const ld = disputeDetail(l, "lit");
    s.push(r.total > 0 ? `${year}年，因政府信息公开引起行政复议${r.total}件，${rd}。` : `${year}年，因政府信息公开引起行政复议0件。`);
    s.push(l.total > 0 ? `${year}年，因政府信息公开引起行政诉讼${l.total}件，${ld}。` : `${year}年，因政府信息公开引起行政诉讼0件。`);
    Object.assign(stated, { review_total: r.total, litigation_total: l.total });
  }
  return { text: s.join(""), stated, topicCounts };
}

// ───────────────────────────── sections ─────────────────────────────

export interface ComposedNarrative {
  preamble: string;
  overview: string;
  problems: string;
  other: string;
  stated: StatedFigures;
  topicCounts: StatedTopicCount[];
}

export function composeNarrative(agency: DemoAgency, year: number, c: NarrativeChoices, f: NarrativeFigures, topics: TopicKey[], countDraw: TopicCountDraw | null = null): ComposedNarrative {
  const subj = subjectOf(agency);
  const nums = proactiveNumbers(agency, c.nums);
  const vars = { Y: year, subj, party: PARTY[year] ?? PARTY[2024] ?? "", focus: FOCUS[c.focus] ?? "", site: agency.site.name, ...nums };
  const heads = HEADINGS[c.headings] ?? HEADINGS[0] ?? [];
  // Headings without a full stop stand on their own line, as in Word-drafted reports.
  const para = (i: number, body: string) => {
    const h = heads[i] ?? "";
    return h.endsWith("。") ? `${h}${body}` : `${h}\n${body}`;
  };
  const s1 = [...c.s1.map((i) => S1[i] ?? ""), S1_FIGURES[(c.s1[0] ?? 0) % S1_FIGURES.length] ?? S1_FIGURES[0] ?? ""].map((t) => fill(t, vars)).join("");
  const apply = applyParagraph(agency, year, c, f, topics, countDraw);
  const s3 = c.s3.map((i) => fill(S3[i] ?? "", vars)).join("");
  const s4list = c.s4.map((i) => S4[i] ?? "");
  if (agency.kind === "government" && agency.level !== "province") s4list.push(S4_GOV);
  const s4 = s4list.map((t) => fill(t, vars)).join("");
  const s5 = c.s5.map((i) => fill(S5[i] ?? "", vars)).join("");
  const overview = [fill(LEADS[c.lead] ?? "", vars), para(0, s1), para(1, apply.text), para(2, s3), para(3, s4), para(4, s5)].join("\n");

  const problems = `${fill(PROBLEMS_INTRO[c.problemsIntro] ?? "", vars)}${c.problems.map((i, k) => `${ORDINALS[k]}是${PROBLEMS[i]}。`).join("")}\n${fill(IMPROVEMENTS_INTRO[c.improvementsIntro] ?? "", vars)}${c.improvements.map((i, k) => `${ORDINALS[k]}是${IMPROVEMENTS[i]}。`).join("")}`;

  const six: string[] = [];
  if (f.fee_unpaid > 0) {
    six.push(`${year}年，${subj}依据《政府信息公开信息处理费管理办法》向申请人发出收费通知${f.fee_unpaid}件，申请人均未在规定期限内缴纳费用，实际收取信息处理费0元。`);
  } else {
    six.push(["无其他需要报告的事项。", `${year}年，${subj}未收取信息处理费。`, "本年度未发出收费通知，未收取信息处理费。", "无。"][c.six] ?? "无。");
  }
  if (agency.kind === "government" && c.six % 2 === 0) six.push(`${year}年，政务公开工作纳入年度目标绩效考核，未发生政府信息公开工作责任追究情况。`);

  return { preamble: preamble(agency, year, c), overview, problems, other: six.join("\n"), stated: apply.stated, topicCounts: apply.topicCounts };
}

function preamble(agency: DemoAgency, year: number, c: NarrativeChoices): string {
  const scope =
    agency.scope === "region_aggregate"
      ? `本报告汇总全${regionWord(agency)}各级行政机关（含${regionWord(agency)}政府各部门${agency.level === "prefecture" ? "及所辖县（市、区）人民政府" : "及所辖乡镇人民政府、街道办事处"}）政府信息公开工作情况。`
      : "";
  const fmtNotice = year <= 2020 ? "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式（试行）〉的通知》（国办公开办函〔2019〕60号）" : "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）";
  if (c.preamble === 0) {
    return `根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）要求，现公布${agency.printedName}${year}年政府信息公开工作年度报告。${scope}除特别说明的数据外，本报告所列数据统计时限为${year}年1月1日至${year}年12月31日。本年报的电子版可在${agency.site.name}（链接：${agency.site.url}）下载。公众如需进一步咨询，请与${agency.office}联系（地址：${agency.address}，电话：${agency.phone}）。`;
  }
  return `本报告由${agency.printedName}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${fmtNotice}要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。${scope}本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。本报告电子版可在${agency.site.name}（${agency.site.url}）查阅或下载。如对本报告有疑问，请联系${agency.office}（地址：${agency.address}；联系电话：${agency.phone}）。`;
}

/** Topics an agency's applicants ask about this year (1–3, primary first; townships: land and social). */
export function drawTopics(agency: DemoAgency, deptTopics: readonly TopicKey[] | undefined, rng: Rng): TopicKey[] {
  let pool: readonly TopicKey[];
  if (agency.kind === "government") pool = agency.level === "province" ? ["planning", "project_approval", "land_requisition", "public_funds"] : ["land_requisition", "demolition", "planning", "social_security"];
  else if (agency.kind === "township") pool = ["land_requisition", "social_security", "demolition"];
  else pool = deptTopics ?? ["other"];
  const k = Math.min(pool.length, rng.int(1, 3));
  const first = pool[0];
  const rest = rng.sample(pool.slice(1), k - 1);
  const picked = first ? [first, ...rest] : rest;
  // "other" only stands alone: it is what is left when nothing in the dictionary matches.
  const named = picked.filter((t) => t !== "other");
  return named.length > 0 ? named : ["other"];
}
