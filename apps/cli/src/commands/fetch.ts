import type { Command } from "commander";
import { defaultArtifactIds, fetchArtifacts, loadManifest } from "@prefdissect/data/node";

export function register(program: Command): void {
  program
    .command("fetch")
    .description(
      "Download the upstream artifacts named in data/manifest.json into data/raw/, verifying sha256. " +
        "Set PD_MIRROR=<dir> to copy from a folder laid out as <host>/<path> instead of the network.",
    )
    .argument("[ids...]", "artifact ids to fetch (default: every pinned artifact; see --list)")
    .option("--list", "list the artifacts in the manifest and exit")
    .option("--mirror <dir>", "read from this mirror folder (overrides PD_MIRROR)")
    .action(async (ids: string[], options: { list?: boolean; mirror?: string }) => {
      if (options.list) {
        for (const entry of loadManifest().artifacts) {
          const pin = entry.sha256 ? `${entry.bytes} B, sha256 ${entry.sha256.slice(0, 12)}…` : "on demand, not pinned";
          process.stdout.write(`${entry.id.padEnd(28)} ${pin}\n    ${entry.description}\n`);
        }
        return;
      }
      const wanted = ids.length > 0 ? ids : defaultArtifactIds();
      let fetched = 0;
      let present = 0;
      await fetchArtifacts(wanted, {
        ...(options.mirror ? { mirror: options.mirror } : {}),
        onProgress: (event) => {
          if (event.status === "present") present++;
          if (event.status === "done") {
            fetched++;
            process.stderr.write(`fetched ${event.entry.path} (${event.bytes} B)\n`);
          }
        },
      });
      process.stderr.write(`${wanted.length} artifacts ready: ${fetched} fetched, ${present} already present and verified\n`);
    });
}
