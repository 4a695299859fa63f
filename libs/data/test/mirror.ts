import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The shared mirror of upstream files, as CI lays it out beside the clone. */
export const MIRROR = process.env.PD_MIRROR ? resolve(process.env.PD_MIRROR) : resolve(import.meta.dirname, "../../../../shared/mirror");
export const HAS_MIRROR = existsSync(join(MIRROR, "raw.githubusercontent.com"));
