// A separate process that writes `<target>` with writeFileAtomic, for the crash tests in
// atomic-write.test.ts. Arguments: target, mode, size in bytes.
//   pause: once the temporary file is complete, print "written <temporary>" and wait to be killed.
//   write: write and exit; a failure prints "failed <code>" and exits 1.
import { writeFileAtomic } from "../src/node/files.js";

const [target, mode, size] = process.argv.slice(2);
const data = new Uint8Array(Number(size)).fill("n".charCodeAt(0));

if (mode === "pause") {
  await writeFileAtomic(target!, data, {
    beforeRename: async (temporary) => {
      process.stdout.write(`written ${temporary}\n`);
      // A pending timer keeps the process alive until the test kills it (a bare pending promise
      // would let Node exit on its own, racing the kill).
      await new Promise((resolve) => setTimeout(resolve, 600_000));
    },
  });
} else {
  try {
    await writeFileAtomic(target!, data);
  } catch (error) {
    process.stdout.write(`failed ${(error as NodeJS.ErrnoException).code}\n`);
    process.exitCode = 1;
  }
}
