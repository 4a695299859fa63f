/**
 * The paper's headline claims that the released (or refit) weights can check, each with the place
 * the paper states it and how close the reproduction must come. Pure: takes a weight set, returns
 * verdicts; printing and writing the report happen at the edges.
 */
import { median } from "@prefdissect/shared";
import { GPT4_TURBO, HUMAN, JUDGE_IDS, SCENARIO_IDS, baseAlignedPairs, judgeById, propertyByName, type WeightSet } from "@prefdissect/data";
import {
  basePairSimilarities,
  degreeOfPreference,
  errorSensitivity,
  meanPreference,
  rankProperties,
  sizeGroupSimilarity,
  weightsOf,
  type SimilarityMatrix,
} from "@prefdissect/similarity";

export type ClaimStatus = "pass" | "fail" | "not checked";

export interface Claim {
  readonly id: string;
  readonly claim: string;
  /** Where the paper states it. */
  readonly where: string;
  readonly paper: string;
  readonly reproduced: string;
  readonly tolerance: string;
  readonly status: ClaimStatus;
  /** Numeric values behind the row, for machine-readable output. */
  readonly values?: Readonly<Record<string, number | string>>;
}

const fixed = (x: number, digits = 2) => x.toFixed(digits);

function numericClaim(
  id: string,
  claim: string,
  where: string,
  paper: number,
  reproduced: number,
  digits: number,
  extra: Record<string, number | string> = {},
): Claim {
  // The paper prints rounded values: a claim holds when our value rounds to the printed one.
  const tolerance = 0.5 * 10 ** -digits;
  const ok = Math.abs(reproduced - paper) <= tolerance + 1e-12;
  const who = typeof extra.judge === "string" ? ` (${extra.judge})` : "";
  return {
    id,
    claim,
    where,
    paper: fixed(paper, digits),
    reproduced: fixed(reproduced, digits + 2) + who,
    tolerance: `±${tolerance.toFixed(digits + 1)}`,
    status: ok ? "pass" : "fail",
    values: { paper, reproduced, tolerance, ...extra },
  };
}

function booleanClaim(id: string, claim: string, where: string, paper: string, reproduced: string, ok: boolean, tolerance = "exact"): Claim {
  return { id, claim, where, paper, reproduced, tolerance, status: ok ? "pass" : "fail" };
}

/** Extra evidence a refit provides (Appendix J accuracy needs the annotated data). */
export interface RefitEvidence {
  /** Held-out accuracy (0–1) per judge id; null when the refit held out no rows (one fold). */
  readonly accuracy: Readonly<Record<string, number | null>>;
  /** True when the refit ran on synthetic data: accuracies are then not comparable to the paper. */
  readonly synthetic: boolean;
}

/** Accuracy claims hold within this many percentage points (folds and permutations differ). */
export const ACCURACY_TOLERANCE = 1.5;

/** The judges and groups whose weights a claim reads. */
interface ClaimInputs {
  readonly judges: readonly string[];
  readonly groups: readonly string[];
}

/** The first weight vector `inputs` names that `ws` lacks, as a reason; undefined when all are there. */
function missingWeights(ws: WeightSet, inputs: ClaimInputs): string | undefined {
  for (const group of inputs.groups) {
    for (const judge of inputs.judges) {
      if (ws.get(group)?.get(judge) === undefined) return `no weights for judge "${judge}" in group "${group}"`;
    }
  }
  return undefined;
}

/**
 * Evaluates every claim on a weight set. `matrix` may be passed to reuse a computed one. A claim
 * whose judges or groups are missing from `ws` (a partial refit) is reported as not checked; a
 * claim whose inputs are all there but whose computation throws fails, with the error as reason.
 */
export function evaluateClaims(ws: WeightSet, matrix?: SimilarityMatrix, refit?: RefitEvidence): Claim[] {
  const claims: Claim[] = [];
  const attempt = (id: string, claim: string, where: string, paper: string, inputs: ClaimInputs, build: () => Claim | Claim[]) => {
    const missing = missingWeights(ws, inputs);
    if (missing !== undefined) {
      claims.push({ id, claim, where, paper, reproduced: `not available: ${missing}`, tolerance: "—", status: "not checked" });
      return;
    }
    try {
      const built = build();
      claims.push(...(Array.isArray(built) ? built : [built]));
    } catch (error) {
      // The data is there, so an exception is a defect in the computation, never a pass or a skip.
      claims.push({ id, claim, where, paper, reproduced: `error: ${(error as Error).message}`, tolerance: "—", status: "fail" });
    }
  };
  const scenarios = (...judges: string[]): ClaimInputs => ({ judges, groups: SCENARIO_IDS });
  const allJudges = scenarios(...JUDGE_IDS);
  const otherJudges = JUDGE_IDS.filter((j) => j !== HUMAN && j !== GPT4_TURBO);

  // Table 4: error sensitivity.
  const severe = (judge: string) => errorSensitivity(ws, judge).severe;
  const humanSevere = "Human P(no severe errors), mean over 11 scenarios";
  attempt("table4-human-severe", humanSevere, "Table 4", "62.86", scenarios(HUMAN), () =>
    numericClaim("table4-human-severe", humanSevere, "Table 4", 62.86, severe(HUMAN), 2),
  );
  const gptSevere = "GPT-4-Turbo P(no severe errors), mean over 11 scenarios";
  attempt("table4-gpt4-severe", gptSevere, "Table 4", "76.19", scenarios(GPT4_TURBO), () =>
    numericClaim("table4-gpt4-severe", gptSevere, "Table 4", 76.19, severe(GPT4_TURBO), 2),
  );
  const bestOther = "Highest P(no severe errors) among the other 31 judges";
  attempt("table4-best-other-severe", bestOther, "Table 4", "65.27", scenarios(...otherJudges), () => {
    const others = otherJudges.map((j) => ({ judge: j, value: severe(j) }));
    const best = others.reduce((a, b) => (b.value > a.value ? b : a));
    return numericClaim("table4-best-other-severe", bestOther, "Table 4", 65.27, best.value, 2, { judge: judgeById(best.judge).displayName });
  });

  // §4.2: similarity by size.
  attempt("sim-size-groups", "Mean similarity by size group", "§4.2", "0.83 / 0.88 / 0.74", allJudges, () => {
    const groups = sizeGroupSimilarity(ws, matrix);
    return [
      numericClaim("sim-small", "Mean similarity within open models ≤ 14B (20 models)", "§4.2", 0.83, groups.small, 2),
      numericClaim("sim-large", "Mean similarity within open models > 30B (10 models)", "§4.2", 0.88, groups.large, 2),
      numericClaim("sim-between", "Mean similarity between the two size groups", "§4.2", 0.74, groups.between, 2),
    ];
  });

  // Figure 6: a base model and its own aligned release are very similar.
  const alignmentClaim = "Same-vendor base → aligned similarity is mostly 0.88–0.96";
  const pairJudges = [...new Set(baseAlignedPairs().flatMap(({ base, aligned }) => [base.id, aligned.id]))];
  attempt("fig6-alignment", alignmentClaim, "§4.4, Figure 6", "mostly 0.88–0.96", scenarios(...pairJudges), () => {
    const pairs = basePairSimilarities(ws).filter((pair) => pair.sameVendor);
    const inRange = pairs.filter((pair) => Math.round(pair.similarity * 100) >= 88 && Math.round(pair.similarity * 100) <= 96);
    return booleanClaim(
      "fig6-alignment",
      "Same-vendor base → aligned similarity is mostly 0.88–0.96",
      "§4.4, Figure 6",
      "mostly 0.88–0.96",
      `${inRange.length} of ${pairs.length} pairs in range (median ${fixed(median(pairs.map((p) => p.similarity)))})`,
      inRange.length > pairs.length / 2,
      "a majority of pairs",
    );
  });

  // Figure 1 / Table 3: qualitative rankings.
  const lengthyClaim = "Human's most preferred property in Communication";
  attempt("fig1-human-lengthy", lengthyClaim, "Figure 1, §4.1", "lengthy", { judges: [HUMAN], groups: ["Communication"] }, () => {
    const humanTop = rankProperties(weightsOf(ws, "Communication", HUMAN), 1).top[0]!.property.name;
    return booleanClaim("fig1-human-lengthy", lengthyClaim, "Figure 1, §4.1", "lengthy", humanTop, humanTop === "lengthy");
  });

  for (const scenario of ["Creative Writing", "Daily Tasks"]) {
    const id = `table3-shared-top3-${scenario.toLowerCase().replace(/\s+/g, "-")}`;
    const text = `Human and GPT-4-Turbo share the same top-3 in ${scenario}`;
    attempt(id, text, "Table 3, §4.1", "same set", { judges: [HUMAN, GPT4_TURBO], groups: [scenario] }, () => {
      const names = (judge: string) =>
        rankProperties(weightsOf(ws, scenario, judge), 3)
          .top.map((r) => r.property.name)
          .sort();
      const h = names(HUMAN);
      const g = names(GPT4_TURBO);
      return booleanClaim(
        id,
        text,
        "Table 3, §4.1",
        "same set",
        h.join(", ") === g.join(", ") ? h.join(", ") : `human: ${h.join(", ")}; GPT-4-Turbo: ${g.join(", ")}`,
        h.join() === g.join(),
      );
    });
  }

  const admitClaim = "Humans dislike responses that admit limits (P < 50)";
  attempt("table3-human-admit-limits", admitClaim, "Table 3, §4.1", "disliked", scenarios(HUMAN), () => {
    const admit = propertyByName("admit limits").index;
    const disliked = SCENARIO_IDS.filter((g) => degreeOfPreference(weightsOf(ws, g, HUMAN)[admit]!) < 50).length;
    return booleanClaim(
      "table3-human-admit-limits",
      admitClaim,
      "Table 3, §4.1",
      "disliked",
      `P < 50 in ${disliked} of 11 scenarios`,
      disliked > 11 / 2,
      "a majority of scenarios",
    );
  });

  const stanceClaim = "Humans like responses that support their stances (P > 50)";
  attempt("table3-human-support-stances", stanceClaim, "Table 3, §4.1", "liked", { judges: [HUMAN], groups: ["w_stances"] }, () => {
    const stances = propertyByName("support stances").index;
    const stancePreference = degreeOfPreference(weightsOf(ws, "w_stances", HUMAN)[stances]!);
    return booleanClaim(
      "table3-human-support-stances",
      stanceClaim,
      "Table 3, §4.1",
      "liked",
      `P = ${fixed(stancePreference)} (stances case)`,
      stancePreference > 50,
      "P > 50",
    );
  });

  for (const name of ["no severe errors", "clear", "harmless"]) {
    const id = `table3-gpt4-weights-${name.replace(/\s+/g, "-")}`;
    const text = `GPT-4-Turbo weights "${name}" more than humans`;
    attempt(id, text, "Table 3, §4.1", "GPT-4-Turbo > Human", scenarios(HUMAN, GPT4_TURBO), () => {
      const index = propertyByName(name).index;
      const gpt = meanPreference(ws, GPT4_TURBO, index);
      const human = meanPreference(ws, HUMAN, index);
      return booleanClaim(id, text, "Table 3, §4.1", "GPT-4-Turbo > Human", `mean P ${fixed(gpt)} vs ${fixed(human)}`, gpt > human, "direction");
    });
  }

  // Needs the annotated data (a refit), not the released weights.
  for (const [id, judge, value] of [
    ["appj-accuracy-human", HUMAN, 78.12],
    ["appj-accuracy-gpt4", GPT4_TURBO, 86.79],
  ] as const) {
    const claim = `${judgeById(judge).displayName} fitted-model accuracy (held-out, %)`;
    const accuracy = refit?.accuracy[judge];
    if (accuracy === null) {
      claims.push({
        id,
        claim,
        where: "Appendix J",
        paper: fixed(value),
        reproduced: "none: the refit used one fold, so no row was held out",
        tolerance: "—",
        status: "not checked",
      });
    } else if (accuracy === undefined || !Number.isFinite(accuracy)) {
      claims.push({
        id,
        claim,
        where: "Appendix J",
        paper: fixed(value),
        reproduced: "needs the annotated dataset (pd refit)",
        tolerance: "—",
        status: "not checked",
      });
    } else if (refit!.synthetic) {
      claims.push({
        id,
        claim,
        where: "Appendix J",
        paper: fixed(value),
        reproduced: `${fixed(100 * accuracy)} on SYNTHETIC data (not comparable)`,
        tolerance: "—",
        status: "not checked",
      });
    } else {
      const ok = Math.abs(100 * accuracy - value) <= ACCURACY_TOLERANCE;
      claims.push({
        id,
        claim,
        where: "Appendix J",
        paper: fixed(value),
        reproduced: fixed(100 * accuracy),
        tolerance: `±${ACCURACY_TOLERANCE}`,
        status: ok ? "pass" : "fail",
        values: { paper: value, reproduced: 100 * accuracy },
      });
    }
  }
  return claims;
}

/** A fixed-width text table of claims for the terminal. */
export function formatClaimsTable(claims: readonly Claim[]): string {
  const header = ["status", "claim", "where", "paper", "reproduced", "tolerance"];
  const rows = claims.map((c) => [c.status.toUpperCase(), c.claim, c.where, c.paper, c.reproduced, c.tolerance]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
