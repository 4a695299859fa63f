import { describe, expect, it } from "vitest";
import { createPhasePoint, leapfrog, type Potential } from "../src/nuts/integrator.js";
import { kineticEnergy } from "../src/nuts/metric.js";

/** U(z) = ½ Σ k z²: a harmonic oscillator with angular frequency √k per coordinate (unit mass). */
function oscillator(k: number[]): Potential {
  return {
    dim: k.length,
    evaluate(z, grad) {
      let u = 0;
      for (let j = 0; j < k.length; j++) {
        u += 0.5 * k[j]! * z[j]! ** 2;
        grad[j] = k[j]! * z[j]!;
      }
      return u;
    },
  };
}

function integrate(potential: Potential, inverseMass: Float64Array, z0: number[], r0: number[], step: number, steps: number) {
  let a = createPhasePoint(potential.dim);
  let b = createPhasePoint(potential.dim);
  a.z.set(z0);
  a.r.set(r0);
  a.potential = potential.evaluate(a.z, a.grad);
  for (let i = 0; i < steps; i++) {
    leapfrog(potential, inverseMass, step, a, b);
    [a, b] = [b, a];
  }
  return a;
}

describe("leapfrog()", () => {
  it("follows the harmonic oscillator's closed form z(t) = cos t, r(t) = −sin t", () => {
    const potential = oscillator([1]);
    const end = integrate(potential, new Float64Array([1]), [1], [0], 0.001, 1000);
    expect(end.z[0]).toBeCloseTo(Math.cos(1), 6);
    expect(end.r[0]).toBeCloseTo(-Math.sin(1), 6);
  });

  it("has second-order global error", () => {
    const potential = oscillator([1]);
    const error = (h: number) => Math.abs(integrate(potential, new Float64Array([1]), [1], [0], h, Math.round(1 / h)).z[0]! - Math.cos(1));
    const ratio = error(0.02) / error(0.01);
    expect(ratio).toBeGreaterThan(3.8);
    expect(ratio).toBeLessThan(4.2);
  });

  it("uses the inverse mass: frequency √(k·M⁻¹)", () => {
    const potential = oscillator([4, 1]);
    const end = integrate(potential, new Float64Array([1, 9]), [1, 1], [0, 0], 0.0005, 2000);
    expect(end.z[0]).toBeCloseTo(Math.cos(2), 5);
    expect(end.z[1]).toBeCloseTo(Math.cos(3), 5);
  });

  it("keeps the energy error bounded and is time-reversible", () => {
    const potential = oscillator([1, 2, 0.5]);
    const inv = new Float64Array([1, 1, 1]);
    const start = { z: [0.3, -1, 2], r: [1, 0.5, -0.2] };
    const h0 = potential.evaluate(new Float64Array(start.z), new Float64Array(3)) + 0.5 * start.r.reduce((s, r) => s + r * r, 0);
    const forward = integrate(potential, inv, start.z, start.r, 0.1, 500);
    const h1 = forward.potential + 0.5 * forward.r.reduce((s, r) => s + r * r, 0);
    expect(Math.abs(h1 - h0)).toBeLessThan(0.02);
    const back = integrate(potential, inv, Array.from(forward.z), Array.from(forward.r), -0.1, 500);
    for (let j = 0; j < 3; j++) {
      expect(back.z[j]).toBeCloseTo(start.z[j]!, 9);
      expect(back.r[j]).toBeCloseTo(start.r[j]!, 9);
    }
  });

  it("returns the new state's kinetic energy, bit for bit what kineticEnergy() gives", () => {
    const potential = oscillator([1, 2, 0.5, 3]);
    const inverseMass = new Float64Array([0.7, 1.3, 2.1, 0.01]);
    const from = createPhasePoint(4);
    const to = createPhasePoint(4);
    from.z.set([0.3, -1, 2, 0.1]);
    from.r.set([1, 0.5, -0.2, 7]);
    from.potential = potential.evaluate(from.z, from.grad);
    for (const step of [0.1, -0.37, 1e-3]) {
      expect(leapfrog(potential, inverseMass, step, from, to)).toBe(kineticEnergy(inverseMass, to.r));
    }
  });
});
