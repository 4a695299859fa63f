/**
 * Sampler settings of one fit, with the paper's values as defaults, and their validation.
 */
import * as D from "./defaults.js";

/** How to run each chain. */
export interface SamplerSettings {
  /** Warm-up iterations per chain (default 500). */
  readonly warmup: number;
  /** Kept draws per chain (default 2000). */
  readonly samples: number;
  /** Maximum tree depth (default 10). */
  readonly maxTreeDepth: number;
  /** Dual-averaging target (default 0.8). */
  readonly targetAcceptRate: number;
  /** Divergence threshold on the energy error (default 1000). */
  readonly maxDeltaEnergy: number;
  /** Chains start uniformly in [−initRadius, initRadius]^d (default 2, numpyro's). */
  readonly initRadius: number;
}

export const DEFAULT_SAMPLER_SETTINGS: SamplerSettings = {
  warmup: D.WARMUP,
  samples: D.SAMPLES,
  maxTreeDepth: D.MAX_TREE_DEPTH,
  targetAcceptRate: D.TARGET_ACCEPT_RATE,
  maxDeltaEnergy: D.MAX_DELTA_ENERGY,
  initRadius: D.INIT_RADIUS,
};

/** Rejects an impossible option value (a programming error, hence RangeError). */
export function check(name: string, value: number, ok: boolean, expected: string): void {
  if (!ok) throw new RangeError(`${name} must be ${expected}, got ${value}`);
}

/** Rejects a Laplace prior scale that is not a positive finite number. */
export function checkScale(scale: number): void {
  check("scale", scale, scale > 0 && Number.isFinite(scale), "a positive number");
}

/** Fills in defaults and rejects impossible values (programming errors, hence RangeError). */
export function resolveSamplerSettings(partial: Partial<SamplerSettings> = {}): SamplerSettings {
  // Only the sampler's own keys: callers pass whole option objects (chains, callbacks, …).
  const pick = <K extends keyof SamplerSettings>(key: K): SamplerSettings[K] => partial[key] ?? DEFAULT_SAMPLER_SETTINGS[key];
  const s: SamplerSettings = {
    warmup: pick("warmup"),
    samples: pick("samples"),
    maxTreeDepth: pick("maxTreeDepth"),
    targetAcceptRate: pick("targetAcceptRate"),
    maxDeltaEnergy: pick("maxDeltaEnergy"),
    initRadius: pick("initRadius"),
  };
  check("warmup", s.warmup, Number.isInteger(s.warmup) && s.warmup >= 0, "a whole number ≥ 0");
  check("samples", s.samples, Number.isInteger(s.samples) && s.samples >= 1, "a whole number ≥ 1");
  check("maxTreeDepth", s.maxTreeDepth, Number.isInteger(s.maxTreeDepth) && s.maxTreeDepth >= 1 && s.maxTreeDepth <= 30, "a whole number in 1…30");
  check("targetAcceptRate", s.targetAcceptRate, s.targetAcceptRate > 0 && s.targetAcceptRate < 1, "in (0, 1)");
  check("maxDeltaEnergy", s.maxDeltaEnergy, s.maxDeltaEnergy > 0, "positive");
  check("initRadius", s.initRadius, s.initRadius >= 0 && Number.isFinite(s.initRadius), "finite and ≥ 0");
  return s;
}
