import { describe, expect, it } from "vitest";
import { groupChainTasks, runChain, runChains, toSparseDesign, validateProblem, type ChainResult, type ChainTask } from "../src/index.js";
import { resolveSamplerSettings } from "../src/settings.js";
import { simulate } from "./helpers.js";

const settings = resolveSamplerSettings({ warmup: 120, samples: 150 });
const problem = validateProblem(simulate(180, [0.6, -0.4, 0, 0.3, 0.1, -0.5, 0.2], 41));
const design = toSparseDesign(problem);
const task = (stream: number, over: Partial<ChainTask> = {}): ChainTask => ({ design, scale: 0.1, settings, seed: 5, stream, ...over });

/** What a chain did, as plain numbers, for bit-for-bit comparison. */
const trace = (r: ChainResult) => [...r.draws, r.stepSize, ...r.inverseMass, r.gradientEvaluations, r.meanAcceptProb];

describe("runChains()", () => {
  it("gives each chain the same bits alone, in a group of four, and in any lane", () => {
    const tasks = [0, 1, 2, 3].map((stream) => task(stream));
    const together = runChains(tasks);
    const alone = tasks.map(runChain);
    together.forEach((result, c) => expect(trace(result)).toEqual(trace(alone[c]!)));
    // reversed, chain 3 runs in lane 0 and chain 0 in lane 3
    const reversed = runChains([...tasks].reverse()).reverse();
    reversed.forEach((result, c) => expect(trace(result)).toEqual(trace(alone[c]!)));
    // chains that share a kernel still differ from each other
    expect(together[0]!.draws).not.toEqual(together[1]!.draws);
  });

  it("runs chains of different lengths together (the shorter ones finish first)", () => {
    const short = task(1, { settings: resolveSamplerSettings({ warmup: 40, samples: 30 }) });
    const long = task(2);
    const [a, b] = runChains([short, long]);
    expect(a!.samples).toBe(30);
    expect(trace(a!)).toEqual(trace(runChain(short)));
    expect(trace(b!)).toEqual(trace(runChain(long)));
  });

  it("falls back to the JavaScript loop for designs that are not ternary", () => {
    const general = validateProblem({ X: problem.X.map((row) => row.map((v) => v * 0.5)), y: problem.y });
    const tasks = [0, 1].map((stream) => task(stream, { design: toSparseDesign(general) }));
    const results = runChains(tasks);
    expect(results.map(trace)).toEqual(tasks.map((t) => trace(runChain(t))));
    for (const result of results) expect(result.draws.every(Number.isFinite)).toBe(true);
  });
});

describe("groupChainTasks()", () => {
  it("groups consecutive tasks of one design and scale, four at most", () => {
    const other = toSparseDesign(validateProblem(simulate(50, [0.2, 0.1], 7)));
    const tasks = [
      task(0),
      task(1),
      task(2),
      task(3),
      task(4),
      task(5),
      task(6, { design: other }),
      task(7, { design: other }),
      task(8, { design: other, scale: 0.5 }),
      task(9),
    ];
    expect(groupChainTasks(tasks)).toEqual([[0, 1, 2, 3], [4, 5], [6, 7], [8], [9]]);
    expect(groupChainTasks([])).toEqual([]);
  });
});
