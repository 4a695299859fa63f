/**
 * Node-only entry of `@prefdissect/regression`: the worker-thread pool that runs independent fits
 * and chains on all cores. Everything else is in the browser-safe main entry.
 */
export { createFitPool, type FitPool, type FitPoolOptions } from "./parallel/pool.js";
