/**
 * Gathers what the demo bundles, before `vite build`, into apps/demo/generated/ (git-ignored):
 *
 * - the released weights of the 16 groups, the group index and the human labels, fetched through
 *   the project's fetcher (manifest, sha256; from PD_MIRROR when set, else the pinned URLs, into
 *   PD_DATA_DIR or data/raw) — never committed;
 * - the synthetic stand-in dataset that `pd synth --weights released --seed 0` writes (the same
 *   file `make synthetic` makes, reused when present).
 *
 *   npx tsx --conditions=@prefdissect/source apps/demo/scripts/prepare-assets.ts
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { GROUP_IDS, weightsArtifactId } from "@prefdissect/data";
import { fetchArtifacts, manifestEntry, repoRoot, sha256 } from "@prefdissect/data/node";

const root = repoRoot();
const out = join(root, "apps", "demo", "generated");
mkdirSync(out, { recursive: true });

const weightIds = GROUP_IDS.map(weightsArtifactId);
const paths = await fetchArtifacts([...weightIds, "group-index", "labels-human"]);
const weights = GROUP_IDS.map((group, i) => ({ group, file: manifestEntry(weightIds[i]!).path, text: readFileSync(paths[i]!, "utf8") }));
writeFileSync(join(out, "released-weights.json"), JSON.stringify({ files: weights }));
copyFileSync(paths[GROUP_IDS.length]!, join(out, "query_aware_idxs.json"));
copyFileSync(paths[GROUP_IDS.length + 1]!, join(out, "example_preference_labels.json"));

// The synthetic dataset comes from the pd command itself, so the demo shows exactly what it writes.
const synthetic = join(root, "data", "derived", "synthetic", "synthetic.parquet");
if (!existsSync(synthetic)) {
  execFileSync(process.execPath, [join(root, "apps", "cli", "bin", "pd.js"), "synth", "--weights", "released", "--seed", "0", "--out", synthetic], {
    stdio: "inherit",
  });
}
copyFileSync(synthetic, join(out, "synthetic.parquet"));

const provenance = {
  weights: weightIds.map((id) => ({ id, file: manifestEntry(id).path, sha256: manifestEntry(id).sha256 })),
  synthetic: { command: "pd synth --weights released --seed 0", file: "synthetic.parquet", sha256: sha256(readFileSync(synthetic)) },
};
writeFileSync(join(out, "provenance.json"), JSON.stringify(provenance, null, 1) + "\n");
process.stderr.write(`demo assets ready in ${out}: ${weights.length} weight files, group index, human labels, synthetic dataset\n`);
