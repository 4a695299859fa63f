import { readFileSync, writeFileSync } from "node:fs";
import initWabt from "wabt";
const wabt = await initWabt();
const m = wabt.parseWat("x.wat", readFileSync(process.argv[2], "utf8"), { simd: true });
m.validate();
writeFileSync(process.argv[3], Buffer.from(m.toBinary({}).buffer));
