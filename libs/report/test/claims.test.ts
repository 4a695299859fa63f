import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadReleasedWeights } from "@prefdissect/data/node";
import type { WeightSet } from "@prefdissect/data";
import { evaluateClaims, formatClaimsTable, renderReport } from "../src/index.js";

/** The mirror of upstream files; vitest.shared.ts sets it when ../shared/mirror sits beside the checkout. */
const MIRROR = process.env.PD_MIRROR ?? "";

/** A copy of `ws` with one weight changed. */
function perturb(ws: WeightSet, group: string, judge: string, index: number, value: number): WeightSet {
  const copy = new Map([...ws].map(([g, judges]) => [g, new Map([...judges].map(([j, w]) => [j, [...w]]))]));
  copy.get(group)!.get(judge)![index] = value;
  return copy;
}

describe.skipIf(!existsSync(MIRROR))("evaluateClaims() on the released weights", async () => {
  const ws = await loadReleasedWeights({ mirror: MIRROR, dataDir: mkdtempSync(join(tmpdir(), "pd-report-")) });
  const claims = evaluateClaims(ws);

  it("passes every claim the released weights can check", () => {
    const failing = claims.filter((c) => c.status === "fail").map((c) => `${c.id}: ${c.reproduced}`);
    expect(failing).toEqual([]);
    expect(claims.filter((c) => c.status === "pass").length).toBeGreaterThanOrEqual(14);
    expect(claims.find((c) => c.id === "table4-best-other-severe")!.values!.judge).toBe("Qwen-72B-Chat");
  });

  it("fails the Table 4 claim when the human's severe-error weight moves", () => {
    const moved = perturb(ws, "Advice", "human", 22, 3);
    const claim = evaluateClaims(moved).find((c) => c.id === "table4-human-severe")!;
    expect(claim.status).toBe("fail");
  });

  it("fails the Figure 1 claim when lengthy is no longer the human's top property", () => {
    const moved = perturb(ws, "Communication", "human", 28, -1);
    expect(evaluateClaims(moved).find((c) => c.id === "fig1-human-lengthy")!.status).toBe("fail");
  });

  it("renders a deterministic report with every claim and figure", () => {
    const input = { claims, figures: [{ name: "fig01-communication-dissection", title: "Figure 1", notebook: "notebooks/fig01.ipynb" }], source: "released weights" };
    const a = renderReport(input);
    expect(renderReport(input)).toBe(a);
    expect(a).toContain("![Figure 1](fig01-communication-dissection.png)");
    for (const c of claims) expect(a).toContain(c.claim.replace(/\|/g, "\\|"));
    expect(formatClaimsTable(claims).split("\n")).toHaveLength(claims.length + 2);
  });
});

describe("evaluateClaims() on partial or refit weights", () => {
  it("reports claims it cannot compute as not checked instead of failing", () => {
    const w = Array.from({ length: 29 }, (_, k) => (k === 28 ? 1 : 0.01 * k));
    const partial = new Map([["Communication", new Map([["human", w]])]]);
    const claims = evaluateClaims(partial);
    expect(claims.find((c) => c.id === "fig1-human-lengthy")!.status).toBe("pass");
    const severe = claims.find((c) => c.id === "table4-human-severe")!;
    expect(severe.status).toBe("not checked");
    expect(severe.reproduced).toMatch(/no weights for judge "human" in group "Advice"/);
  });

  it("checks Appendix J accuracy from a refit on real data, and refuses to compare synthetic data", () => {
    const empty = new Map();
    const real = evaluateClaims(empty, undefined, { accuracy: { human: 0.7805, "gpt-4-1106-preview": 0.80 }, synthetic: false });
    expect(real.find((c) => c.id === "appj-accuracy-human")!.status).toBe("pass");
    expect(real.find((c) => c.id === "appj-accuracy-gpt4")!.status).toBe("fail");
    const synthetic = evaluateClaims(empty, undefined, { accuracy: { human: 0.7805 }, synthetic: true });
    expect(synthetic.find((c) => c.id === "appj-accuracy-human")!.reproduced).toMatch(/SYNTHETIC/);
  });

  it("reports no accuracy, not a number, for a one-fold refit", () => {
    const claims = evaluateClaims(new Map(), undefined, { accuracy: { human: null }, synthetic: false });
    const human = claims.find((c) => c.id === "appj-accuracy-human")!;
    expect(human.status).toBe("not checked");
    expect(human.reproduced).toBe("none: the refit used one fold, so no row was held out");
  });
});
