/**
 * Before running notebooks: is Jupyter (nbconvert) installed, and is this repository's tslab
 * kernel registered? Each failure names the one command that fixes it.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { z } from "zod";
import { PrefDissectError } from "@prefdissect/shared";
import { notebookEnvironment } from "./environment.js";

export const JUPYTER_INSTALL_HINT =
  "install it with `make jupyter` (Debian/Ubuntu as root) or `sudo apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client`";

/** What `jupyter kernelspec list --json` prints, as far as it is read here. */
const KernelSpecListSchema = z.object({
  kernelspecs: z.record(z.string(), z.object({ spec: z.object({ argv: z.array(z.string()).optional() }).optional() })).optional(),
});

/** Throws a `PrefDissectError` unless `jupyter nbconvert` runs and the `tslab` kernel is usable. */
export function checkJupyter(root: string): void {
  const env = notebookEnvironment(root);
  const version = spawnSync("jupyter", ["nbconvert", "--version"], { env, encoding: "utf8" });
  if (version.error !== undefined || version.status !== 0) {
    throw new PrefDissectError("jupyter-missing", `Jupyter nbconvert is not installed (\`jupyter nbconvert --version\` failed); ${JUPYTER_INSTALL_HINT}`, {
      field: "jupyter",
    });
  }
  const listed = spawnSync("jupyter", ["kernelspec", "list", "--json"], { env, encoding: "utf8" });
  let listedJson: unknown;
  try {
    listedJson = JSON.parse(listed.stdout);
  } catch {
    // Treated below as "no kernel".
  }
  const tslab = KernelSpecListSchema.safeParse(listedJson).data?.kernelspecs?.tslab;
  const launcher = tslab?.spec?.argv?.[0];
  if (tslab === undefined || launcher === undefined || !existsSync(launcher)) {
    const found = launcher === undefined ? "no tslab kernel on JUPYTER_PATH" : `the tslab kernel points at a missing ${launcher}`;
    throw new PrefDissectError("kernel-missing", `${found}; register this repository's kernel with \`make kernel\` (runs node tools/register-kernel.mjs)`, {
      field: "kernel",
    });
  }
}
