import { describe, expect, it } from "vitest";
import { GPT4_TURBO, HUMAN, PROPERTY_COUNT } from "@prefdissect/data";
import {
  buildGameabilitySpec,
  FIG07_PROPERTIES_PER_END,
  gameabilityFigure,
  gameabilityRows,
  propertyLabel,
  type GameabilityFigureInput,
} from "../src/index.js";
import { gameabilityInput } from "./figure-inputs.js";

type Spec = {
  title: { text: string; subtitle: string[] };
  vconcat: { title?: { text: string }; spec?: { layer: { mark: { type: string } }[] } }[];
};

describe("gameabilityRows()", () => {
  const input = gameabilityInput();
  const rows = gameabilityRows(input);

  it("takes each judge's five largest changes, largest first, and its five smallest, smallest first", () => {
    const human = input.estimates[0]!.gains.map((gain) => gain.gain);
    const sorted = [...human].sort((a, b) => b - a);
    const top = rows.filter((row) => row.judge === HUMAN && row.end === "gain");
    const bottom = rows.filter((row) => row.judge === HUMAN && row.end === "loss");
    expect(top.map((row) => row.value)).toEqual(sorted.slice(0, FIG07_PROPERTIES_PER_END));
    expect(bottom.map((row) => row.value)).toEqual(sorted.slice(-FIG07_PROPERTIES_PER_END).reverse());
    expect(top.map((row) => row.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(top[0]!.label).toBe(propertyLabel(top[0]!.propertyIndex!));
    expect(rows.filter((row) => row.kind === "estimate")).toHaveLength(3 * 2 * FIG07_PROPERTIES_PER_END);
  });

  it("keeps an interval where there are draws, null where there are none, and the pairs behind each estimate", () => {
    const human = rows.find((row) => row.judge === HUMAN)!;
    expect(human.high! - human.low!).toBeCloseTo(1, 12);
    expect(human.pairs).toBe(400);
    expect(rows.filter((row) => row.judge === GPT4_TURBO).every((row) => row.low === null && row.high === null && row.pairs === 401)).toBe(true);
  });

  it("adds the reported numbers as their own rows under the label they are reported with", () => {
    const reported = rows.filter((row) => row.kind === "reported");
    expect(reported.map((row) => [row.label, row.value, row.unit, row.panel])).toEqual([
      ["Bench A, aligned", 81.94, "%", "reported elsewhere"],
      ["Bench B, largest change", 0.59, "points", "reported elsewhere"],
    ]);
    expect(reported.every((row) => row.judge === null && row.propertyIndex === null)).toBe(true);
  });

  it("lists a judge with fewer than ten properties without repeating one", () => {
    const few: GameabilityFigureInput = {
      ...input,
      estimates: [{ judge: HUMAN, pairs: 1, gains: [0, 1, 2].map((propertyIndex) => ({ propertyIndex, gain: propertyIndex })) }],
    };
    const estimates = gameabilityRows(few, 2).filter((row) => row.kind === "estimate");
    expect(estimates.map((row) => [row.end, row.propertyIndex])).toEqual([
      ["gain", 2],
      ["gain", 1],
      ["loss", 0],
    ]);
  });
});

describe("buildGameabilitySpec()", () => {
  it("says whether the numbers are point estimates or come with intervals, and over which pairs", () => {
    const input = gameabilityInput();
    const withDraws = buildGameabilitySpec(gameabilityFigure.rows(input), { sourceLabel: "Source: test" }) as unknown as Spec;
    expect(withDraws.title.subtitle.join(" ")).toContain("90 % intervals from posterior draws");
    expect(withDraws.title.subtitle).toContain("Averaged over both responses of 400 / 401 / 402 pairs: SYNTHETIC test pairs.");
    expect(withDraws.vconcat[0]!.spec!.layer.filter((layer) => layer.mark.type === "rule")).toHaveLength(2);

    const point = {
      ...input,
      estimates: input.estimates.map((estimate) => ({ ...estimate, gains: estimate.gains.map(({ propertyIndex, gain }) => ({ propertyIndex, gain })) })),
    };
    const pointSpec = buildGameabilitySpec(gameabilityRows(point)) as unknown as Spec;
    expect(pointSpec.title.subtitle.join(" ")).toContain("(point estimates)");
    expect(pointSpec.vconcat[0]!.spec!.layer.filter((layer) => layer.mark.type === "rule")).toHaveLength(1);
  });

  it("puts the reported numbers in a panel of their own, titled with their label, and leaves it out without any", () => {
    const input = gameabilityInput();
    const spec = buildGameabilitySpec(gameabilityRows(input)) as unknown as Spec;
    expect(spec.vconcat).toHaveLength(2);
    expect(spec.vconcat[1]!.title!.text).toContain("reported elsewhere");
    expect(spec.title.text).toContain("Human, GPT-4-Turbo, GPT-3.5-Turbo");
    const alone = buildGameabilitySpec(gameabilityRows({ ...input, reported: [] })) as unknown as Spec;
    expect(alone.vconcat).toHaveLength(1);
    expect(gameabilityInput().estimates[0]!.gains).toHaveLength(PROPERTY_COUNT);
  });
});
