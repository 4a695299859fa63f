/**
 * Time of one posterior-mode fit (L1-penalised logistic regression, Laplace(0, 0.1) prior) on
 * synthetic problems of 29 ternary features (each non-zero with probability 0.4, like the paper's
 * features), at 5,240 rows (the paper's data), 100,000 and 1,000,000 rows; the proximal Newton
 * solver of the library against the plain coordinate descent it replaced (kept as the tests'
 * oracle; at a million rows only its time per row is projected, it would take minutes).
 * Times are CPU seconds of this process (`process.cpuUsage`): the machine is shared, so wall time
 * says more about the neighbours than about the solver. Prints numbers, asserts nothing.
 *
 *   make bench-mode      or   npx tsx --conditions=@prefdissect/source bench/regression-mode.bench.ts
 */
import { fitPosteriorMode, validateProblem } from "../libs/regression/src/index.js";
import { fitPosteriorModeByCoordinateDescent } from "../libs/regression/test/coordinate-descent-mode.js";
import { simulate } from "../libs/regression/test/helpers.js";

// Some strong, some weak and some absent effects, so that the mode has exact zeros.
const TRUE_WEIGHTS = [
  0.8, -0.6, 0.4, 0, 0.05, -0.3, 0, 0.2, -0.1, 0.6, 0, 0, 0.35, -0.45, 0.1, 0, 0.25, -0.05, 0, 0.5, -0.2, 0, 0.15, 0.3, 0, -0.7, 0.02, 0, 0.45,
];
/** Above this many rows the old solver is not run. */
const OLD_SOLVER_ROWS = Number(process.env.BENCH_OLD_ROWS ?? 100_000);

const seconds = (run: () => void): number => {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
};

// Compile both solvers' hot loops before timing them.
const warmUp = validateProblem(simulate(2_000, TRUE_WEIGHTS, 1));
for (let k = 0; k < 3; k++) {
  fitPosteriorMode(warmUp);
  fitPosteriorModeByCoordinateDescent(warmUp);
}

console.log("One posterior-mode fit, 29 ternary features (KKT tolerance 1e-10), CPU seconds\n");
console.log("  rows        proximal Newton  (µs/row, steps, KKT)        coordinate descent (µs/row, sweeps)   speed-up   max |Δw|");
let oldMicrosPerRow = NaN;
for (const rows of [5_240, 100_000, 1_000_000]) {
  const problem = validateProblem(simulate(rows, TRUE_WEIGHTS, rows));
  let fast!: ReturnType<typeof fitPosteriorMode>;
  const fastSeconds = seconds(() => (fast = fitPosteriorMode(problem)));
  let oldColumn = "(not run)";
  let speedUp = "";
  let difference = "";
  if (rows <= OLD_SOLVER_ROWS) {
    let old!: ReturnType<typeof fitPosteriorModeByCoordinateDescent>;
    const oldSeconds = seconds(() => (old = fitPosteriorModeByCoordinateDescent(problem)));
    oldMicrosPerRow = (oldSeconds / rows) * 1e6;
    oldColumn = `${oldSeconds.toFixed(2)} s (${oldMicrosPerRow.toFixed(1)}, ${old.sweeps})`;
    speedUp = `${(oldSeconds / fastSeconds).toFixed(0)}×`;
    difference = Math.max(...fast.weights.map((v, j) => Math.abs(v - old.weights[j]!))).toExponential(1);
  } else if (Number.isFinite(oldMicrosPerRow)) {
    oldColumn = `~${((oldMicrosPerRow * rows) / 1e6).toFixed(0)} s projected`;
    speedUp = `~${((oldMicrosPerRow * rows) / 1e6 / fastSeconds).toFixed(0)}×`;
  }
  const fastColumn = `${fastSeconds.toFixed(3)} s (${((fastSeconds / rows) * 1e6).toFixed(2)}, ${fast.sweeps}, ${fast.kktResidual.toExponential(0)})`;
  console.log(`  ${rows.toLocaleString("en").padEnd(11)} ${fastColumn.padEnd(44)} ${oldColumn.padEnd(37)} ${speedUp.padEnd(10)} ${difference}`);
  if (rows === 1_000_000) {
    // One judge at 1,048,000 pairs: 16 groups × 10 folds, each fold trained on 9/10 of its group;
    // a pair can be in more than one group, and the 160 fits see about 14 M training rows in all.
    const trainingRows = 14e6;
    console.log(
      `\n  One judge at 1,048,000 pairs (16 groups × 10 folds, ${(trainingRows / 1e6).toFixed(1)} M training rows): ` +
        `~${(((fastSeconds / rows) * trainingRows) / 60).toFixed(1)} min of fitting at this speed (one core).`,
    );
  }
}
