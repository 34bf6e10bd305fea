#!/usr/bin/env node
// Runs the benchmarks: every bench/*.mjs but this one, or only those named
// (`npm run bench -- extract communities`). Words after a benchmark's name that name no
// benchmark are its own arguments (`npm run bench -- extract speed` runs only extract's speed
// section). Each prints its own table; ratios are against a baseline measured in the same run,
// never against numbers from another machine or day.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort();
/** The benchmarks to run, each with the arguments that followed its name. */
const wanted = [];
for (const word of process.argv.slice(2)) {
  if (all.includes(word)) wanted.push({ name: word, args: [] });
  else if (wanted.length) wanted[wanted.length - 1].args.push(word);
  else {
    console.error(`bench: no benchmark named ${word} (have: ${all.join(', ')})`);
    process.exit(1);
  }
}
let failed = 0;
for (const { name, args } of wanted.length ? wanted : all.map((name) => ({ name, args: [] }))) {
  console.log(`\n== bench/${name}${args.length ? ` ${args.join(' ')}` : ''}`);
  const run = spawnSync(process.execPath, ['--expose-gc', `${dir}${name}.mjs`, ...args], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
