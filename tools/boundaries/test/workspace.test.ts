import { beforeAll, describe, expect, it } from "vitest";
import { checkBoundaries } from "../src/check.js";
import { formatViolation, type Violation } from "../src/violation.js";

describe("the workspace's module boundaries", () => {
  let violations: Violation[] = [];
  beforeAll(async () => {
    violations = await checkBoundaries();
  }, 300_000);
  const broken = (rule: Violation["rule"]) => violations.filter((violation) => violation.rule === rule).map(formatViolation);

  it("every project carries one type, one scope and one layer tag", () => {
    expect(broken("project-tags")).toEqual([]);
  });

  it("no project imports a higher layer, an app, a Node-only project or another project's files by path", () => {
    expect(broken("module-boundaries")).toEqual([]);
  });

  it("no browser-safe main entry reaches a Node-only import", () => {
    expect(broken("browser-safe-entry")).toEqual([]);
  });
});
