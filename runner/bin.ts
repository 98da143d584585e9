/**
 * The runner's executable entry: `npm run contract` runs it from a bundle (runner/contract.mjs). runner/cli.ts
 * holds `main` (also `aam-jwt contract`) and runs itself only when it is the script node was started with.
 */
import { main } from './cli.js';
import { runMain } from './run-main.js';

runMain(main, process.argv.slice(2));
