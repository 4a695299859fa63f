import { describe, expect, it } from "vitest";
import { REFIT_INTERVALS_FILE, REFIT_SUMMARY_FILE, type RefitIntervals, type RefitSummary } from "../src/index.js";

const intervals: RefitIntervals = {
  format: "prefdissect.refit-intervals/1",
  synthetic: true,
  mass: 0.9,
  preference: [{ judge: "human", group: "Code", propertyIndex: 3, mean: 55.1, low: 48.2, high: 61.9 }],
  similarity: [{ a: "human", b: "gpt-4-1106-preview", mean: 0.4, low: 0.3, high: 0.5 }],
};

const summary: RefitSummary = {
  format: "prefdissect.refit-summary/1",
  source: { file: "x.parquet", format: "hf-parquet", rows: 10, synthetic: false },
  settings: { folds: 3, seed: 0, chains: 2, warmup: 10, samples: 10, scale: 0.1, keepDraws: 2, method: "nuts" },
  judges: ["human"],
  groups: ["Code"],
  accuracyDefinition: "held-out",
  accuracy: { human: Number.NaN },
  fits: [
    {
      judge: "human",
      group: "Code",
      rows: 10,
      excluded: 0,
      accuracy: 0.7,
      seconds: 1,
      diagnostics: { maxRhat: 1.01, minEssBulk: 300, divergences: 0, meanAcceptProb: 0.8 },
      warnings: [],
    },
  ],
  skipped: [],
};

describe("intervals.json", () => {
  it("round-trips and still reads files with the older tag", () => {
    expect(REFIT_INTERVALS_FILE.parse(REFIT_INTERVALS_FILE.stringify(intervals), "intervals.json")).toEqual(intervals);
    const older = { ...intervals, format: "prefdissect-refit-intervals/1" };
    expect(REFIT_INTERVALS_FILE.parse(JSON.stringify(older), "intervals.json").format).toBe("prefdissect-refit-intervals/1");
  });

  it("names the file and the bad field", () => {
    const broken = { ...intervals, preference: [{ ...intervals.preference[0]!, low: "x" }] };
    expect(() => REFIT_INTERVALS_FILE.parse(JSON.stringify(broken), "r/intervals.json")).toThrow(
      /^r\/intervals\.json: field "preference\.0\.low" must be a number, got string; expected the intervals\.json pd refit writes \(prefdissect\.refit-intervals\/1\)$/,
    );
    expect(() => REFIT_INTERVALS_FILE.parse("{", "r/intervals.json")).toThrow(/^r\/intervals\.json is not valid JSON/);
    expect(() => REFIT_INTERVALS_FILE.parse(JSON.stringify({ ...intervals, format: "other/2" }), "i.json")).toThrow(/field "format"/);
  });
});

describe("summary.json", () => {
  it("writes an undefined accuracy as null and reads it back", () => {
    const text = REFIT_SUMMARY_FILE.stringify(summary);
    expect(text).toContain('"human": null');
    const back = REFIT_SUMMARY_FILE.parse(text, "summary.json");
    expect(back.accuracy.human).toBeNull();
    expect(back.fits[0]!.diagnostics!.maxRhat).toBe(1.01);
  });

  it("rejects a summary without settings, naming the field", () => {
    const { settings: _dropped, ...rest } = summary;
    expect(() => REFIT_SUMMARY_FILE.parse(JSON.stringify(rest), "out/summary.json")).toThrow(/^out\/summary\.json: field "settings" is missing; /);
  });
});
