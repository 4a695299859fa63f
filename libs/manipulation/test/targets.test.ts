import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import { PROPERTIES, SCENARIO_IDS, weightsArtifactId, type WeightSet } from "@prefdissect/data";
import { fetchArtifacts, loadReleasedWeights } from "@prefdissect/data/node";
import { propertyDefinition, selectTargets, systemPromptFor } from "../src/index.js";

/** P(p) averaged over the 11 scenarios, computed straight from the released files with no project code but the fetcher. */
async function scenarioMeansFromFiles(judge: string): Promise<number[]> {
  const paths = await fetchArtifacts(SCENARIO_IDS.map(weightsArtifactId));
  const sums = new Array<number>(29).fill(0);
  for (const path of paths) {
    const line = readFileSync(path, "utf8")
      .split("\n")
      .filter((text) => text.trim() !== "")
      .map((text) => JSON.parse(text) as { model_name: string; parameters: number[] })
      .find((row) => row.model_name === judge)!;
    line.parameters.forEach((w, p) => (sums[p]! += 100 / (1 + Math.exp(-w))));
  }
  return sums.map((sum) => sum / paths.length);
}

const QUERY_SPECIFIC = [23, 24, 25, 26, 27];

async function expectedEnds(judge: string): Promise<{ top: number[]; bottom: number[] }> {
  const means = await scenarioMeansFromFiles(judge);
  const usable = means.map((value, index) => ({ value, index })).filter((entry) => !QUERY_SPECIFIC.includes(entry.index));
  const order = [...usable].sort((a, b) => b.value - a.value);
  return {
    top: order.slice(0, 3).map((entry) => entry.index),
    bottom: order
      .slice(-3)
      .reverse()
      .map((entry) => entry.index),
  };
}

describe("the properties pd manipulate prompts targets", () => {
  for (const judge of ["human", "gpt-4-1106-preview"]) {
    it(`are ${judge}'s top-3 and last-3 by the scenario mean of the released weights`, async () => {
      const weights = await loadReleasedWeights();
      const expected = await expectedEnds(judge);
      const favour = selectTargets(weights, judge, { k: 3, mode: "favour" });
      const avoid = selectTargets(weights, judge, { k: 3, mode: "avoid" });
      expect(favour.properties.map((p) => p.id)).toEqual(expected.top);
      expect(avoid.properties.map((p) => p.id)).toEqual(expected.bottom);
      const means = await scenarioMeansFromFiles(judge);
      for (const target of [...favour.properties, ...avoid.properties]) expect(target.preference).toBeCloseTo(means[target.id]!, 10);
    });
  }

  it("name the paper's numbers for Human and GPT-4-Turbo (no severe errors first, admit limits among the last)", async () => {
    const weights = await loadReleasedWeights();
    const human = selectTargets(weights, "human");
    expect(human.properties.map((p) => p.label)).toEqual(["no severe errors", "novel", "contain rich info"]);
    expect(human.properties[0]!.preference).toBeCloseTo(62.86, 2);
    expect(selectTargets(weights, "gpt-4-1106-preview").properties[0]!.preference).toBeCloseTo(76.19, 2);
    expect(selectTargets(weights, "human", { mode: "avoid" }).properties.map((p) => p.label)).toEqual(["admit limits", "harmless", "no minor errors"]);
  });

  it("leave out query-specific properties with the reason, except the case of the group ranked in", async () => {
    const weights = await loadReleasedWeights();
    const mean = selectTargets(weights, "human", { k: 29 });
    expect(mean.properties).toHaveLength(24);
    expect(mean.skipped.map((s) => s.id)).toEqual(QUERY_SPECIFIC);
    expect(mean.skipped[3]!.reason).toContain("w_stances");
    const stances = selectTargets(weights, "human", { group: "w_stances" });
    expect(stances.skipped.map((s) => s.id)).toEqual([23, 24, 25, 27]);
    // Humans like support stances most where stances were stated.
    expect(stances.properties[0]!.label).toBe("support stances");
  });

  it("reject k outside 1..29, an unknown group or judge, and a group without weights, in one sentence", async () => {
    const weights = await loadReleasedWeights();
    const failure = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        expect(error).toBeInstanceOf(PrefDissectError);
        return error as PrefDissectError;
      }
      throw new Error("expected an error");
    };
    expect(failure(() => selectTargets(weights, "human", { k: 0 })).code).toBe("bad-flag");
    expect(failure(() => selectTargets(weights, "human", { k: 30 })).message).toContain("from 1 to 29");
    expect(failure(() => selectTargets(weights, "human", { group: "Poetry" })).code).toBe("unknown-group");
    expect(failure(() => selectTargets(weights, "nobody")).code).toBe("unknown-judge");
    const partial: WeightSet = new Map([...weights].filter(([group]) => group !== "Code"));
    const missing = failure(() => selectTargets(partial, "human", {}, "--weights mine"));
    expect(missing.code).toBe("missing-weights");
    expect(missing.message).toBe('--weights mine has no weights for Human in group "Code"');
    expect(missing.message).not.toContain("\n");
  });
});

describe("the system message", () => {
  it("asks for each chosen property by its definition, or to keep it out", () => {
    const properties = [
      { id: 22, label: "no severe errors", preference: 76 },
      { id: 10, label: "well formatted", preference: 60 },
    ];
    const favour = systemPromptFor({ mode: "favour", properties });
    expect(favour).toContain(`1. No severe errors: ${propertyDefinition(PROPERTIES[22]!)}`);
    expect(favour).toContain(`2. Well formatted: ${propertyDefinition(PROPERTIES[10]!)}`);
    expect(favour).toMatch(/give your answer each of these qualities/);
    expect(systemPromptFor({ mode: "avoid", properties })).toMatch(/keep each of these qualities out/);
  });

  it("has a definition for all 29 properties, without the annotator's rating scales", () => {
    for (const property of PROPERTIES) {
      const definition = propertyDefinition(property);
      expect(definition.length).toBeGreaterThan(20);
      expect(definition).not.toMatch(/\d\s*=/);
    }
    // non-repetitive is rated as "repetitive": its definition must ask for the opposite.
    expect(propertyDefinition(PROPERTIES[15]!)).toMatch(/once/);
  });
});
