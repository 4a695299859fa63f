#!/usr/bin/env node
// Entry point of the `pd` command. The TypeScript sources are compiled to dist/ by `npm ci`
// (the root `prepare` script) or `npm run build`.
import { main } from "../dist/main.js";

// A closed pipe (`pd fetch --list | head`) is a normal way for a reader to stop.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv);
