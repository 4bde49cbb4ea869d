#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx apt-lens` works straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/cli.ts');
process.exitCode = await main(process.argv.slice(2));
