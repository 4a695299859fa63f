/**
 * Every default of the sampler in one place. Names follow Stan's and numpyro's so they can be
 * looked up; each constant says where its value comes from.
 */

/** Scale b of the Laplace(0, b) prior on every weight (the paper's model). */
export const PRIOR_SCALE = 0.1;

/** Chains per fit (the paper's numpyro call). */
export const CHAINS = 4;
/** Warm-up (adaptation) iterations per chain (the paper's numpyro call). */
export const WARMUP = 500;
/** Kept draws per chain (the paper's numpyro call). */
export const SAMPLES = 2000;

/** Target mean acceptance statistic of dual averaging (Stan `delta`, numpyro `target_accept_prob`). */
export const TARGET_ACCEPT_RATE = 0.8;
/** Dual-averaging constants of Hoffman & Gelman (2014), Stan's and numpyro's defaults. */
export const DUAL_AVERAGING = { gamma: 0.05, t0: 10, kappa: 0.75 } as const;

/** Stan's warm-up windows: fast initial buffer, first slow window (then doubling), fast final buffer. */
export const INIT_BUFFER = 75;
export const BASE_WINDOW = 25;
export const TERM_BUFFER = 50;

/** Maximum number of trajectory doublings (Stan `max_depth`, numpyro `max_tree_depth`). */
export const MAX_TREE_DEPTH = 10;
/** Energy error above which a trajectory is flagged divergent (Stan and numpyro: 1000). */
export const MAX_DELTA_ENERGY = 1000;

/**
 * Half-width of the uniform box the chains start in. numpyro's default `init_to_uniform` draws
 * every unconstrained coordinate from uniform(−2, 2); we keep that, so chains start overdispersed
 * (which is what makes split R-hat meaningful) exactly as in the paper's runs.
 */
export const INIT_RADIUS = 2;

/** Split R-hat above this is reported as a warning (Vehtari et al. 2021). */
export const RHAT_WARNING = 1.01;

/** Folds of the paper's cross-validated averaging. */
export const FOLDS = 10;

/** The "fewer draws" fast path: see docs/regression.md for its measured error. */
export const FAST_SETTINGS = { chains: 4, warmup: 300, samples: 500 } as const;
