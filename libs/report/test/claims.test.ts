// Each checkable claim on constructed weights: one input that passes and one just past the
// tolerance (or with the direction or the set flipped) that fails. No upstream files needed; the
// released weights are checked in claims-released.test.ts.
import { describe, expect, it } from "vitest";
import { GPT4_TURBO, HUMAN, JUDGE_IDS, SCENARIO_IDS, baseAlignedPairs, judgeById, propertyByName, sizeGroup, type WeightSet } from "@prefdissect/data";
import type { SimilarityMatrix } from "@prefdissect/similarity";
import { evaluateClaims, formatClaimsTable, renderReport, type Claim, type ClaimStatus } from "../src/index.js";

const PROPERTY_COUNT = 29;
/** The printed values carry two decimals, so every numeric claim holds within ±0.005. */
const TOLERANCE = 0.005;
const JUST_INSIDE = TOLERANCE - 0.0001;
const JUST_OUTSIDE = TOLERANCE + 0.0001;

const zeros = (): number[] => new Array<number>(PROPERTY_COUNT).fill(0);
/** A vector with the given entries set and every other weight 0. */
const vector = (entries: Readonly<Record<number, number>>): number[] => zeros().map((w, k) => entries[k] ?? w);
/** The weight whose degree of preference is `percent` (100·σ(w) = percent). */
const weightFor = (percent: number): number => Math.log(percent / (100 - percent));
const index = (name: string): number => propertyByName(name).index;

/** `judges` × `groups`, each vector given by `vectorOf` (default all zero). */
function weightSet(judges: readonly string[], groups: readonly string[], vectorOf: (judge: string, group: string) => number[] = () => zeros()): WeightSet {
  return new Map(groups.map((group) => [group, new Map(judges.map((judge) => [judge, vectorOf(judge, group)]))]));
}

interface ClaimInput {
  readonly ws: WeightSet;
  readonly matrix?: SimilarityMatrix;
}

function claimById(input: ClaimInput, id: string): Claim {
  const claim = evaluateClaims(input.ws, input.matrix).find((c) => c.id === id);
  if (claim === undefined) throw new Error(`no claim ${id}`);
  return claim;
}
const statusOf = (input: ClaimInput, id: string): ClaimStatus => claimById(input, id).status;

// Table 4: one judge's P(no severe errors) in every scenario, so the mean is exactly that value.
const severeOf = (judge: string, percent: number): ClaimInput => ({
  ws: weightSet([judge], SCENARIO_IDS, () => vector({ [index("no severe errors")]: weightFor(percent) })),
});

const OTHER_JUDGES = JUDGE_IDS.filter((j) => j !== HUMAN && j !== GPT4_TURBO);
/** Every other judge at P = 50 except `best`, at `percent`. */
const bestOtherOf = (percent: number, best = "qwen-72b-chat"): ClaimInput => ({
  ws: weightSet(OTHER_JUDGES, SCENARIO_IDS, (judge) => vector({ [index("no severe errors")]: judge === best ? weightFor(percent) : 0 })),
});

/** All judges present, with a similarity matrix whose size-group blocks hold the given values. */
function sizeGroupsOf(small: number, large: number, between: number): ClaimInput {
  const sizes = JUDGE_IDS.map((id) => sizeGroup(judgeById(id)));
  const values = sizes.map((a, i) =>
    sizes.map((b, j) => {
      if (i === j) return 1;
      if (a === "small" && b === "small") return small;
      if (a === "large" && b === "large") return large;
      if (a !== undefined && b !== undefined) return between;
      return 0.1;
    }),
  );
  return { ws: weightSet(JUDGE_IDS, SCENARIO_IDS), matrix: { judges: JUDGE_IDS, values } };
}

// Figure 6: centred orthonormal e1, e2; the Pearson of e1 and cos θ·e1 + sin θ·e2 is cos θ.
const E1 = vector({ 0: Math.SQRT1_2, 1: -Math.SQRT1_2 });
const E2 = vector({ 0: 1 / Math.sqrt(6), 1: 1 / Math.sqrt(6), 2: -2 / Math.sqrt(6) });
const SAME_VENDOR_ALIGNED = baseAlignedPairs()
  .filter((pair) => pair.sameVendor)
  .map((pair) => pair.aligned.id);
/** Every base at e1; the i-th same-vendor aligned model at similarity `similarities[i]` to its base. */
function alignmentOf(similarities: readonly number[]): ClaimInput {
  const pairJudges = [...new Set(baseAlignedPairs().flatMap(({ base, aligned }) => [base.id, aligned.id]))];
  return {
    ws: weightSet(pairJudges, SCENARIO_IDS, (judge) => {
      const at = SAME_VENDOR_ALIGNED.indexOf(judge);
      const similarity = at < 0 ? 1 : similarities[at]!;
      return E1.map((e, k) => similarity * e + Math.sqrt(1 - similarity ** 2) * E2[k]!);
    }),
  };
}
/** `inRange` same-vendor pairs at similarity `value`, the rest at 0.5. */
const alignmentWith = (inRange: number, value = 0.92) => alignmentOf(SAME_VENDOR_ALIGNED.map((_, i) => (i < inRange ? value : 0.5)));

const humanCommunication = (top: string): ClaimInput => ({
  ws: weightSet([HUMAN], ["Communication"], () => vector({ [index(top)]: 1, [index("clear")]: 0.5 })),
});

/** Human's and GPT-4-Turbo's weights in one scenario, each with three properties on top. */
function topThreeOf(scenario: string, human: readonly string[], gpt: readonly string[]): ClaimInput {
  const ranked = (names: readonly string[]) => vector(Object.fromEntries(names.map((name, i) => [index(name), 3 - i])));
  return { ws: weightSet([HUMAN, GPT4_TURBO], [scenario], (judge) => ranked(judge === HUMAN ? human : gpt)) };
}

/** The human's "admit limits" weight per scenario, in SCENARIO_IDS order. */
const admitLimitsOf = (weights: readonly number[]): ClaimInput => ({
  ws: weightSet([HUMAN], SCENARIO_IDS, (_, group) => vector({ [index("admit limits")]: weights[SCENARIO_IDS.indexOf(group)]! })),
});
/** `negative` scenarios with a weight below 0, `zero` at exactly 0 (P = 50), the rest above 0. */
const admitLimitsCounts = (negative: number, zero: number) => admitLimitsOf(SCENARIO_IDS.map((_, i) => (i < negative ? -0.2 : i < negative + zero ? 0 : 0.2)));

const stancesOf = (weight: number): ClaimInput => ({ ws: weightSet([HUMAN], ["w_stances"], () => vector({ [index("support stances")]: weight })) });

/** GPT-4-Turbo's and the human's weight for `name` in every scenario. */
const directionOf = (name: string, gpt: number, human: number): ClaimInput => ({
  ws: weightSet([HUMAN, GPT4_TURBO], SCENARIO_IDS, (judge) => vector({ [index(name)]: judge === HUMAN ? human : gpt })),
});

interface ClaimCase {
  readonly id: string;
  readonly passes: ClaimInput;
  readonly fails: ClaimInput;
}

/** The row each claim shows in REPORT.md and the terminal: claim, where, paper, tolerance, then
 * what the passing and the failing input of CASES reproduce. */
const ROWS: Readonly<Record<string, readonly [string, string, string, string, string, string]>> = {
  "table4-human-severe": ["Human P(no severe errors), mean over 11 scenarios", "Table 4", "62.86", "±0.005", "62.8649", "62.8651"],
  "table4-gpt4-severe": ["GPT-4-Turbo P(no severe errors), mean over 11 scenarios", "Table 4", "76.19", "±0.005", "76.1851", "76.1849"],
  "table4-best-other-severe": [
    "Highest P(no severe errors) among the other 31 judges",
    "Table 4",
    "65.27",
    "±0.005",
    "65.2651 (Qwen-72B-Chat)",
    "65.2751 (Qwen-72B-Chat)",
  ],
  "sim-small": ["Mean similarity within open models ≤ 14B (20 models)", "§4.2", "0.83", "±0.005", "0.8349", "0.8351"],
  "sim-large": ["Mean similarity within open models > 30B (10 models)", "§4.2", "0.88", "±0.005", "0.8751", "0.8749"],
  "sim-between": ["Mean similarity between the two size groups", "§4.2", "0.74", "±0.005", "0.7449", "0.7451"],
  "fig6-alignment": [
    "Same-vendor base → aligned similarity is mostly 0.88–0.96",
    "§4.4, Figure 6",
    "mostly 0.88–0.96",
    "a majority of pairs",
    "6 of 10 pairs in range (median 0.92)",
    "5 of 10 pairs in range (median 0.71)",
  ],
  "fig1-human-lengthy": ["Human's most preferred property in Communication", "Figure 1, §4.1", "lengthy", "exact", "lengthy", "harmless"],
  "table3-shared-top3-creative-writing": [
    "Human and GPT-4-Turbo share the same top-3 in Creative Writing",
    "Table 3, §4.1",
    "same set",
    "exact",
    "clear, harmless, lengthy",
    "human: clear, harmless, lengthy; GPT-4-Turbo: admit limits, clear, lengthy",
  ],
  "table3-shared-top3-daily-tasks": [
    "Human and GPT-4-Turbo share the same top-3 in Daily Tasks",
    "Table 3, §4.1",
    "same set",
    "exact",
    "clear, harmless, lengthy",
    "human: clear, harmless, lengthy; GPT-4-Turbo: harmless, lengthy, support stances",
  ],
  "table3-human-admit-limits": [
    "Humans dislike responses that admit limits (P < 50)",
    "Table 3, §4.1",
    "disliked",
    "a majority of scenarios",
    "P < 50 in 6 of 11 scenarios",
    "P < 50 in 5 of 11 scenarios",
  ],
  "table3-human-support-stances": [
    "Humans like responses that support their stances (P > 50)",
    "Table 3, §4.1",
    "liked",
    "P > 50",
    "P = 50.25 (stances case)",
    "P = 50.00 (stances case)",
  ],
  "table3-gpt4-weights-no-severe-errors": [
    'GPT-4-Turbo weights "no severe errors" more than humans',
    "Table 3, §4.1",
    "GPT-4-Turbo > Human",
    "direction",
    "mean P 64.57 vs 62.25",
    "mean P 62.25 vs 64.57",
  ],
  "table3-gpt4-weights-clear": [
    'GPT-4-Turbo weights "clear" more than humans',
    "Table 3, §4.1",
    "GPT-4-Turbo > Human",
    "direction",
    "mean P 57.44 vs 54.98",
    "mean P 57.44 vs 57.44",
  ],
  "table3-gpt4-weights-harmless": [
    'GPT-4-Turbo weights "harmless" more than humans',
    "Table 3, §4.1",
    "GPT-4-Turbo > Human",
    "direction",
    "mean P 52.50 vs 47.50",
    "mean P 47.50 vs 52.50",
  ],
};

const CASES: readonly ClaimCase[] = [
  { id: "table4-human-severe", passes: severeOf(HUMAN, 62.86 + JUST_INSIDE), fails: severeOf(HUMAN, 62.86 + JUST_OUTSIDE) },
  { id: "table4-gpt4-severe", passes: severeOf(GPT4_TURBO, 76.19 - JUST_INSIDE), fails: severeOf(GPT4_TURBO, 76.19 - JUST_OUTSIDE) },
  { id: "table4-best-other-severe", passes: bestOtherOf(65.27 - JUST_INSIDE), fails: bestOtherOf(65.27 + JUST_OUTSIDE) },
  { id: "sim-small", passes: sizeGroupsOf(0.83 + JUST_INSIDE, 0.88, 0.74), fails: sizeGroupsOf(0.83 + JUST_OUTSIDE, 0.88, 0.74) },
  { id: "sim-large", passes: sizeGroupsOf(0.83, 0.88 - JUST_INSIDE, 0.74), fails: sizeGroupsOf(0.83, 0.88 - JUST_OUTSIDE, 0.74) },
  { id: "sim-between", passes: sizeGroupsOf(0.83, 0.88, 0.74 + JUST_INSIDE), fails: sizeGroupsOf(0.83, 0.88, 0.74 + JUST_OUTSIDE) },
  // A majority of the 10 same-vendor pairs: 6 in range passes, 5 does not.
  { id: "fig6-alignment", passes: alignmentWith(6), fails: alignmentWith(5) },
  { id: "fig1-human-lengthy", passes: humanCommunication("lengthy"), fails: humanCommunication("harmless") },
  {
    id: "table3-shared-top3-creative-writing",
    // The same set in another order still counts as shared.
    passes: topThreeOf("Creative Writing", ["lengthy", "clear", "harmless"], ["harmless", "lengthy", "clear"]),
    fails: topThreeOf("Creative Writing", ["lengthy", "clear", "harmless"], ["lengthy", "clear", "admit limits"]),
  },
  {
    id: "table3-shared-top3-daily-tasks",
    passes: topThreeOf("Daily Tasks", ["clear", "harmless", "lengthy"], ["clear", "harmless", "lengthy"]),
    fails: topThreeOf("Daily Tasks", ["clear", "harmless", "lengthy"], ["support stances", "harmless", "lengthy"]),
  },
  // Disliked (P < 50) in a majority of the 11 scenarios: 6 do it; 5, with a sixth at exactly P = 50, do not.
  { id: "table3-human-admit-limits", passes: admitLimitsCounts(6, 0), fails: admitLimitsCounts(5, 1) },
  // Liked means P > 50: exactly 50 is not liked.
  { id: "table3-human-support-stances", passes: stancesOf(0.01), fails: stancesOf(0) },
  { id: "table3-gpt4-weights-no-severe-errors", passes: directionOf("no severe errors", 0.6, 0.5), fails: directionOf("no severe errors", 0.5, 0.6) },
  // Equal weights are no "more than".
  { id: "table3-gpt4-weights-clear", passes: directionOf("clear", 0.3, 0.2), fails: directionOf("clear", 0.3, 0.3) },
  { id: "table3-gpt4-weights-harmless", passes: directionOf("harmless", 0.1, -0.1), fails: directionOf("harmless", -0.1, 0.1) },
];

describe("each checkable claim", () => {
  it("has a passing and a failing case here, 15 in all", () => {
    const checkable = evaluateClaims(new Map())
      .map((c) => c.id)
      .filter((id) => !id.startsWith("appj-"));
    const expanded = checkable.flatMap((id) => (id === "sim-size-groups" ? ["sim-small", "sim-large", "sim-between"] : [id]));
    expect(CASES.map((c) => c.id).sort()).toEqual(expanded.sort());
    expect(CASES).toHaveLength(15);
  });

  it.each(CASES)("$id passes on its passing input", ({ id, passes }) => {
    const [claim, where, paper, tolerance, reproduced] = ROWS[id]!;
    expect(claimById(passes, id)).toMatchObject({ claim, where, paper, tolerance, reproduced, status: "pass" });
  });

  it.each(CASES)("$id fails when the input moves just past the tolerance or flips", ({ id, fails }) => {
    const [claim, where, paper, tolerance, , reproduced] = ROWS[id]!;
    expect(claimById(fails, id)).toMatchObject({ claim, where, paper, tolerance, reproduced, status: "fail" });
  });

  it("shows the same claim, place and paper value when its weights are absent", () => {
    for (const row of evaluateClaims(new Map())) {
      if (row.id.startsWith("appj-")) continue;
      expect(row).toMatchObject({
        status: "not checked",
        tolerance: "—",
        reproduced: expect.stringMatching(/^not available: no weights for judge "[^"]+" in group "[^"]+"$/),
      });
      if (row.id === "sim-size-groups") {
        expect(row).toMatchObject({ claim: "Mean similarity by size group", where: "§4.2", paper: "0.83 / 0.88 / 0.74" });
      } else {
        const [claim, where, paper] = ROWS[row.id]!;
        expect(row).toMatchObject({ claim, where, paper });
      }
    }
  });
});

describe("numeric claims", () => {
  const numeric: [string, (value: number) => ClaimInput, number][] = [
    ["table4-human-severe", (v) => severeOf(HUMAN, v), 62.86],
    ["table4-gpt4-severe", (v) => severeOf(GPT4_TURBO, v), 76.19],
    ["table4-best-other-severe", (v) => bestOtherOf(v), 65.27],
    ["sim-small", (v) => sizeGroupsOf(v, 0.88, 0.74), 0.83],
    ["sim-large", (v) => sizeGroupsOf(0.83, v, 0.74), 0.88],
    ["sim-between", (v) => sizeGroupsOf(0.83, 0.88, v), 0.74],
  ];

  it.each(numeric)("%s holds within ±0.005 of the paper on both sides and no further", (id, inputFor, paper) => {
    expect(statusOf(inputFor(paper + JUST_INSIDE), id)).toBe("pass");
    expect(statusOf(inputFor(paper - JUST_INSIDE), id)).toBe("pass");
    expect(statusOf(inputFor(paper + JUST_OUTSIDE), id)).toBe("fail");
    expect(statusOf(inputFor(paper - JUST_OUTSIDE), id)).toBe("fail");
  });

  it("passes a value exactly at the rounding edge despite its binary representation", () => {
    // |0.835 − 0.83| is 0.0050000000000000044 in doubles: it still rounds to the printed 0.83 or 0.84.
    expect(statusOf(sizeGroupsOf(0.835, 0.88, 0.74), "sim-small")).toBe("pass");
    expect(statusOf(sizeGroupsOf(0.825, 0.88, 0.74), "sim-small")).toBe("pass");
  });

  it("reports the paper's and the reproduced value, the tolerance, and the best other judge by name", () => {
    const claim = claimById(bestOtherOf(65.2712, "yi-34b-chat"), "table4-best-other-severe");
    expect(claim).toMatchObject({ paper: "65.27", reproduced: "65.2712 (Yi-34B-Chat)", tolerance: "±0.005", status: "pass" });
    expect(claim.values).toMatchObject({ paper: 65.27, tolerance: 0.005, judge: "Yi-34B-Chat" });
    expect(claim.values!.reproduced).toBeCloseTo(65.2712, 10);
  });
});

describe("the Figure 6 claim", () => {
  it("rounds each similarity to two decimals before the 0.88–0.96 range test", () => {
    expect(statusOf(alignmentWith(6, 0.8751), "fig6-alignment")).toBe("pass");
    expect(statusOf(alignmentWith(6, 0.8749), "fig6-alignment")).toBe("fail");
    expect(statusOf(alignmentWith(6, 0.9649), "fig6-alignment")).toBe("pass");
    expect(statusOf(alignmentWith(6, 0.9651), "fig6-alignment")).toBe("fail");
  });

  it("says how many pairs were in range, of how many, and their median", () => {
    expect(claimById(alignmentWith(6), "fig6-alignment").reproduced).toBe("6 of 10 pairs in range (median 0.92)");
  });
});

describe("a claim whose computation throws", () => {
  it("fails with the error as its reason instead of passing as not checked", () => {
    // Every judge is present, but one weight vector is one entry short: the Pearson correlation
    // of Figure 6 throws, and that is a defect to report, not missing data.
    const { ws } = alignmentWith(10);
    const short = new Map(
      [...ws].map(([group, judges]) => [group, new Map([...judges, ...(group === "Advice" ? [["qwen-72b-chat", zeros().slice(1)] as const] : [])])]),
    );
    const claim = claimById({ ws: short }, "fig6-alignment");
    expect(claim.status).toBe("fail");
    expect(claim.reproduced).toBe("error: vectors differ in length: 29 vs 28");
  });
});

describe("evaluateClaims() on partial or refit weights", () => {
  it("reports claims whose weights are absent as not checked, naming the first missing vector", () => {
    const w = Array.from({ length: 29 }, (_, k) => (k === 28 ? 1 : 0.01 * k));
    const partial = new Map([["Communication", new Map([["human", w]])]]);
    const claims = evaluateClaims(partial);
    expect(claims.find((c) => c.id === "fig1-human-lengthy")!.status).toBe("pass");
    const severe = claims.find((c) => c.id === "table4-human-severe")!;
    expect(severe).toMatchObject({
      status: "not checked",
      reproduced: `not available: no weights for judge "human" in group "${SCENARIO_IDS[0]}"`,
      tolerance: "—",
    });
    expect(claims.filter((c) => c.status === "fail")).toEqual([]);
    // Only the claims that read a missing vector are left out: Figure 6 needs no human weights.
    const alignment = alignmentWith(10);
    expect(claimById(alignment, "fig6-alignment").status).toBe("pass");
    expect(claimById(alignment, "table4-human-severe").status).toBe("not checked");
    expect(claimById(alignment, "sim-size-groups").reproduced).toBe('not available: no weights for judge "human" in group "Advice"');
  });

  it("checks Appendix J accuracy within ±1.5 points from a refit on real data, and refuses to compare synthetic data", () => {
    const empty = new Map();
    const real = evaluateClaims(empty, undefined, { accuracy: { human: 0.7961, "gpt-4-1106-preview": 0.853 }, synthetic: false });
    expect(real.find((c) => c.id === "appj-accuracy-human")).toMatchObject({
      claim: "Human fitted-model accuracy (held-out, %)",
      where: "Appendix J",
      paper: "78.12",
      status: "pass",
      reproduced: "79.61",
      tolerance: "±1.5",
      values: { paper: 78.12, reproduced: expect.closeTo(79.61, 10) },
    });
    expect(real.find((c) => c.id === "appj-accuracy-gpt4")).toMatchObject({
      claim: "GPT-4-Turbo fitted-model accuracy (held-out, %)",
      where: "Appendix J",
      paper: "86.79",
    });
    expect(real.find((c) => c.id === "appj-accuracy-gpt4")!.status).toBe("pass");
    const outside = evaluateClaims(empty, undefined, { accuracy: { human: 0.7963, "gpt-4-1106-preview": 0.8528 }, synthetic: false });
    expect(outside.find((c) => c.id === "appj-accuracy-human")!.status).toBe("fail");
    expect(outside.find((c) => c.id === "appj-accuracy-gpt4")!.status).toBe("fail");
    const edge = evaluateClaims(empty, undefined, { accuracy: { human: 0.7962, "gpt-4-1106-preview": 0.8829 }, synthetic: false });
    expect(edge.filter((c) => c.id.startsWith("appj-")).map((c) => c.status)).toEqual(["pass", "pass"]);
    const notANumber = evaluateClaims(empty, undefined, { accuracy: { human: Number.NaN }, synthetic: false });
    expect(notANumber.find((c) => c.id === "appj-accuracy-human")).toMatchObject({
      status: "not checked",
      reproduced: "needs the annotated dataset (pd refit)",
    });
    const synthetic = evaluateClaims(empty, undefined, { accuracy: { human: 0.7805 }, synthetic: true });
    expect(synthetic.find((c) => c.id === "appj-accuracy-human")).toMatchObject({
      status: "not checked",
      reproduced: "78.05 on SYNTHETIC data (not comparable)",
    });
    expect(synthetic.find((c) => c.id === "appj-accuracy-gpt4")).toMatchObject({ status: "not checked", reproduced: "needs the annotated dataset (pd refit)" });
  });

  it("reports no accuracy, not a number, for a one-fold refit", () => {
    const claims = evaluateClaims(new Map(), undefined, { accuracy: { human: null }, synthetic: false });
    const human = claims.find((c) => c.id === "appj-accuracy-human")!;
    expect(human).toMatchObject({ status: "not checked", paper: "78.12", where: "Appendix J", tolerance: "—" });
    expect(human.reproduced).toBe("none: the refit used one fold, so no row was held out");
  });
});

describe("formatClaimsTable()", () => {
  it("aligns the columns, caps a column at 60 characters and lets a longer cell run on", () => {
    const rows: Claim[] = [
      { id: "a", claim: "A short claim", where: "Table 4", paper: "62.86", reproduced: "62.8649", tolerance: "±0.005", status: "pass" },
      {
        id: "b",
        claim: "A claim whose text runs on for longer than the sixty characters a column may take",
        where: "§4.2",
        paper: "0.83",
        reproduced: "not available: no weights",
        tolerance: "—",
        status: "not checked",
      },
    ];
    expect(formatClaimsTable(rows).split("\n")).toEqual([
      "status       claim                                                         where    paper  reproduced                 tolerance",
      "-----------  ------------------------------------------------------------  -------  -----  -------------------------  ---------",
      "PASS         A short claim                                                 Table 4  62.86  62.8649                    ±0.005",
      "NOT CHECKED  A claim whose text runs on for longer than the sixty characters a column may take  §4.2     0.83   not available: no weights  —",
    ]);
  });
});

describe("the report", () => {
  it("renders every claim and figure deterministically, and a terminal table with one row per claim", () => {
    const claims = evaluateClaims(alignmentWith(6).ws);
    const input = {
      claims,
      figures: [{ name: "fig01-communication-dissection", title: "Figure 1", notebook: "notebooks/fig01.ipynb" }],
      source: "constructed weights",
    };
    const a = renderReport(input);
    expect(renderReport(input)).toBe(a);
    expect(a).toContain("![Figure 1](fig01-communication-dissection.png)");
    for (const c of claims) expect(a).toContain(c.claim.replace(/\|/g, "\\|"));
    const table = formatClaimsTable(claims).split("\n");
    expect(table).toHaveLength(claims.length + 2);
    expect(table.filter((line) => line.startsWith("PASS"))).toHaveLength(1);
  });
});
