// Module boundaries between the workspace projects (docs/architecture.md explains the tags).
// Only the boundary rule runs here; `make test` runs it through tools/boundaries, which also
// follows the imports of every browser-safe main entry to catch Node-only code reaching it.
import nx from "@nx/eslint-plugin";
import tseslint from "typescript-eslint";

/** Highest layer number a tag may carry (`layer:<n>-<name>`, n = 0…MAX_LAYER). */
const MAX_LAYER = 9;

/** A project on layer n may depend only on projects of a lower layer. */
const layerConstraints = Array.from({ length: MAX_LAYER + 1 }, (_, n) => ({
  sourceTag: `/^layer:${n}-/`,
  onlyDependOnLibsWithTags: n === 0 ? [] : [`/^layer:[0-${n - 1}]-/`],
}));

/** Which project may import which (docs/architecture.md). */
const boundaries = {
  depConstraints: [
    ...layerConstraints,
    // A browser-safe project may not depend on a Node-only one (its own `/node` entry may use Node).
    { sourceTag: "scope:browser-safe", onlyDependOnLibsWithTags: ["scope:browser-safe"] },
    { sourceTag: "type:lib", onlyDependOnLibsWithTags: ["type:lib"] },
    { sourceTag: "type:app", onlyDependOnLibsWithTags: ["type:lib"] },
    // Development tools stand apart: they read the workspace but import none of it.
    { sourceTag: "type:tool", onlyDependOnLibsWithTags: [] },
  ],
};

export default [
  { ignores: ["**/dist/**", "**/node_modules/**", "figures/**", "reports/**", "data/**", "notebooks/**", ".jupyter/**"] },
  {
    files: ["{libs,apps,tools,tests}/*/{src,test}/**/*.ts"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" },
    plugins: { "@nx": nx },
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: {
      "@nx/enforce-module-boundaries": ["error", boundaries],
    },
  },
  // Tests may also import the test support that sits beside vitest.shared.ts (vitest.upstream.ts, vitest.upstream-setup.ts).
  {
    files: ["{libs,apps,tools,tests}/*/test/**/*.ts"],
    rules: {
      "@nx/enforce-module-boundaries": ["error", { ...boundaries, allow: ["^(\\.\\./)+vitest\\.upstream(-setup)?\\.js$"] }],
    },
  },
];
