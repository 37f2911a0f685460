#!/usr/bin/env node
/* global process */
// Entry point of `npx dqmflow …`: runs the TypeScript CLI through tsx's loader.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
