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
      let lastLine = 0;
      const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
      await fetchArtifacts(wanted, {
        ...(options.mirror ? { mirror: options.mirror } : {}),
        onProgress: (event) => {
          if (event.status === "present") present++;
          if (event.status === "downloading") {
            // Large files (the dataset) take a while: a live byte count on a terminal, a line
            // every few seconds in logs.
            const now = Date.now();
            const total = event.totalBytes ? ` of ${megabytes(event.totalBytes)}` : "";
            if (process.stderr.isTTY) process.stderr.write(`\r  downloading ${event.entry.path}: ${megabytes(event.bytes)}${total}   `);
            else if (now - lastLine > 5000) {
              lastLine = now;
              process.stderr.write(`  downloading ${event.entry.path}: ${megabytes(event.bytes)}${total}\n`);
            }
          }
          if (event.status === "done") {
            fetched++;
            if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
            process.stderr.write(`fetched ${event.entry.path} (${event.bytes} B)\n`);
          }
        },
      });
      process.stderr.write(`${wanted.length} artifacts ready: ${fetched} fetched, ${present} already present and verified\n`);
    });
}
