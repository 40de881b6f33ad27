import { describe, expect, it } from "vitest";
import { TOPICS, TOPIC_KEYS } from "../catalog";
import { buildAgencies } from "./agencies";
import { DEMO_YEARS, generateChain } from "./figures";
import { composeNarrative, drawChoices, drawTopics, NARRATIVE_POOLS, TOPIC_PHRASES, type NarrativeChoices, type NarrativeFigures } from "./narrative";
import { fourGrams, jaccard } from "./oracle";
import { Rng } from "./prng";

const ALL_KEYWORDS = TOPICS.flatMap((t) => t.keywords.map((k) => ({ topic: t.key, k })));

function topicsIn(s: string): string[] {
  return [...new Set(ALL_KEYWORDS.filter((x) => s.includes(x.k)).map((x) => x.topic))].sort();
}

const FIG: NarrativeFigures = {
  new_received: 12,
  carried_over: 2,
  handled_total: 13,
  carried_forward: 1,
  granted: 5,
  partially_granted: 3,
  denied: 1,
  unable: 3,
  not_processed: 1,
  other: 0,
  review: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
  litigation: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
  fee_unpaid: 0,
  normative_in_force: 12,
};

describe("narrative", () => {
  it("pool sentences mention no topic keyword (topics come only from the topic sentence)", () => {
    for (const s of NARRATIVE_POOLS) expect(topicsIn(s), s).toEqual([]);
  });

  it("each topic phrase matches its own topic only", () => {
    for (const key of TOPIC_KEYS) {
      for (const phrase of TOPIC_PHRASES[key]) expect(topicsIn(phrase), phrase).toEqual(key === "other" ? [] : [key]);
    }
  });

  it("states the figures it claims to state, in every 依申请公开 template", () => {
    const agency = buildAgencies(1).find((a) => a.id === "520281-zrzy");
    if (!agency) throw new Error("no agency");
    for (let apply = 0; apply < 5; apply++) {
      const c: NarrativeChoices = { ...drawChoices(agency, Rng.of(1, apply), null), apply };
      const out = composeNarrative(agency, 2023, c, FIG, ["land_requisition", "demolition"]);
      for (const [k, v] of Object.entries(out.stated)) expect(out.overview, `${apply} ${k}`).toContain(String(v));
      expect(out.stated.new_received).toBe(12);
      expect(out.overview).toMatch(/(集中在|涉及)(土地征收|征地补偿|征收补偿安置)/);
      expect(topicsIn(out.overview)).toEqual(["demolition", "land_requisition"]);
    }
  });

  it("mentions 信息处理费 in section 六 when fee notices went unpaid", () => {
    const agency = buildAgencies(1)[0];
    if (!agency) throw new Error("no agency");
    const out = composeNarrative(agency, 2023, drawChoices(agency, Rng.of(2), null), { ...FIG, fee_unpaid: 2 }, ["planning"]);
    expect(out.other).toContain("信息处理费");
  });

  it("keeps an agency's sections 一 and 五 well below the S-X-DUP threshold year to year", () => {
    for (const agency of buildAgencies(1).filter((_, i) => i % 7 === 0)) {
      const { figures } = generateChain(agency, DEMO_YEARS, 5);
      let prev: { c: NarrativeChoices; o: string; p: string } | null = null;
      for (const f of figures) {
        const c = drawChoices(agency, Rng.of(5, agency.id, f.year, "text"), prev?.c ?? null);
        const out = composeNarrative(agency, f.year, c, FIG, drawTopics(agency, undefined, Rng.of(5, f.year)));
        if (prev) {
          expect(jaccard(fourGrams(out.overview), fourGrams(prev.o)), agency.name).toBeLessThan(0.8);
          expect(jaccard(fourGrams(out.problems), fourGrams(prev.p)), agency.name).toBeLessThan(0.8);
        }
        prev = { c, o: out.overview, p: out.problems };
      }
    }
  });
});
