#!/usr/bin/env node
// Entry point of the `pd` command. The TypeScript sources are compiled to dist/ by `npm ci`
// (the root `prepare` script) or `npm run build`.
import { main } from "../dist/main.js";

process.exitCode = await main(process.argv);
