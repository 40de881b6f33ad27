/**
 * Writes lib/regions/region-names-en.ts: the English name and short form of every 贵州 region in
 * lib/regions/guizhou.ts, from the pinyin of pinyin-pro (a dev dependency: the app ships the
 * reviewed table, not the dictionary) and the rules in lib/regions/english.ts.
 *
 *   npx tsx scripts/gen-region-names-en.ts > lib/regions/region-names-en.ts
 *
 * lib/regions/english.test.ts regenerates it and fails when the committed table differs.
 */
import { generateRegionNamesEnSource } from "./lib/region-names-en";

process.stdout.write(generateRegionNamesEnSource());
