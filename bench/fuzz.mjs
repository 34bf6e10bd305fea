#!/usr/bin/env node
// Fuzzing the ingest of every input format (not part of CI: `npm run bench -- fuzz`).
//
// For each format (listing dumps in both layouts, arXiv Atom, BibTeX, RIS, CSV, JSONL and a
// JSON array), seed files are written from the bundled corpus, each record's byte span known.
// FUZZ_INPUTS mutated inputs per format (default 5,000) are derived from them with a seeded
// random generator (the same inputs every run): bytes replaced by syntax characters, ranges
// deleted, duplicated or swapped, syntax fragments, invalid UTF-8, NUL and BOM inserted, long
// lines, CR line ends, cuts at random places. Each input goes through `papergraph ingest FILE`
// (the CLI's own `runCli`, in a child process that a watchdog restarts when one input takes
// longer than FUZZ_TIMEOUT_MS, default 10 s) and is checked for:
//   uncaught    an internal error (exit 3) or an uncaught exception / rejection   (goal 0)
//   exit>2      an exit code other than 0, 1 or 2                                 (goal 0)
//   no-line     a problem line on stderr without `file:line:`                     (goal 0)
//   hangs       inputs the watchdog had to stop                                   (goal 0)
//   lost        records of the seed that the mutation did not touch, read from the seed as it
//               was, but missing from the output: the records a damaged one took with it.
// Lost records are broken down by the problem reported next to them, with the reason. A
// whole-file problem of an empty input ("file is empty") has no line by nature and is
// counted apart. Inputs that miss a goal are listed as FORMAT #N; `node bench/fuzz.mjs
// --write FORMAT N FILE` writes that input to FILE to reproduce it.
import { fork } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// The children read a copy of dist/ made at the start (under the checkout's .tmp/, so that
// packages resolve): a `npm run build` during the run must not mix two versions.
const DIST = process.env.FUZZ_DIST ?? join(root, 'dist');
const dist = (path) => new URL(`file://${join(DIST, path)}`).href;
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 5000);
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS ?? 10_000);
const RECORDS_PER_SEED = 8;
// Abstracts are cut to about this many characters: the BibTeX parser takes ~50 ms for a 1,000-character one.
const ABSTRACT_CHARS = 400;
const SEEDS_PER_FORMAT = 3;

// The project's seeded generator: the same inputs on every run.
const { createRng: random } = await import(dist('rng.js'));
const hash = (text) => [...text].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0, 2166136261);

// ---------------------------------------------------------------------------------------
// Seeds: one writer per format, each returning the text and the byte span of every record.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const bib = (s) => s.replace(/[{}]/g, '').replace(/([%&#$_])/g, '\\$1');

const WRITERS = {
  'jsonl': { ext: 'jsonl', record: (p) => `${JSON.stringify({ title: p.title, abstract: p.abstract, year: p.year ?? 2020 })}\n` },
  'json-array': {
    ext: 'json',
    head: '[\n',
    record: (p, i, n) => `${JSON.stringify({ title: p.title, abstract: p.abstract })}${i < n - 1 ? ',' : ''}\n`,
    tail: ']\n',
  },
  'csv': {
    ext: 'csv',
    head: 'Title,Abstract,Year\n',
    record: (p) => `"${p.title.replace(/"/g, '""')}","${p.abstract.replace(/"/g, '""')}",${p.year ?? 2020}\n`,
  },
  'ris': { ext: 'ris', record: (p) => `TY  - JOUR\nTI  - ${p.title}\nAB  - ${p.abstract}\nPY  - ${p.year ?? 2020}\nDA  - FEB 1\nER  - \n\n` },
  'bibtex': {
    ext: 'bib',
    record: (p, i) => `@article{key${i},\n  title = {${bib(p.title)}},\n  abstract = {${bib(p.abstract)}},\n  year = ${p.year ?? 2020},\n  month = dec\n}\n\n`,
  },
  'arxiv': {
    ext: 'xml',
    head: '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
    record: (p, i) =>
      `  <entry>\n    <id>http://arxiv.org/abs/2101.${String(10000 + i)}v1</id>\n    <title>${xml(p.title)}</title>\n    <summary>${xml(p.abstract)}</summary>\n    <published>2021-01-0${(i % 9) + 1}T00:00:00Z</published>\n  </entry>\n`,
    tail: '</feed>\n',
  },
  'listing': {
    ext: 'txt',
    record: (p, i) => `${i + 3} ${p.title} ${p.abstract} ${(i % 5) + 1} authors · ${MONTHS[i % 12]} ${(i % 27) + 1}, 2023\n`,
  },
  'listing-page': { ext: 'txt', head: 'Daily Papers\n\n', record: (p, i) => `${p.title}\n\n${p.abstract}\n\n${MONTHS[i % 12]} ${(i % 27) + 1}\n\n` },
};

/** The seed files of one format: text and record spans (UTF-8 byte offsets). */
function seedsOf(format, papers) {
  const writer = WRITERS[format];
  const seeds = [];
  for (let s = 0; s < SEEDS_PER_FORMAT; s++) {
    const chosen = papers.slice(s * RECORDS_PER_SEED, (s + 1) * RECORDS_PER_SEED);
    let text = writer.head ?? '';
    const spans = [];
    chosen.forEach((paper, i) => {
      const start = Buffer.byteLength(text);
      text += writer.record(paper, i, chosen.length);
      spans.push({ title: paper.title, start, end: Buffer.byteLength(text) });
    });
    text += writer.tail ?? '';
    seeds.push({ bytes: Buffer.from(text), spans });
  }
  return seeds;
}

// ---------------------------------------------------------------------------------------
// Mutations: each returns the new bytes and the ranges of the original it touched.

const SYNTAX = ['{', '}', '[', ']', '"', "'", '\\', '<', '>', '&', ',', ';', ':', '@', '-', '#', '%', '\t', '\n', '\r', '\u0000', '\uFEFF', '\u2028', 'é', '©', '😀', '\\"\\i', '</', '<!--', ']]>'];
const FRAGMENTS = ['\n', '\r\n', '@article{x,', '@string{a = "b"}', '}', '{', 'TY  - JOUR\n', 'ER  - \n', '<entry>', '</entry>', '<![CDATA[', '{"title":', '"', ',,,', '\n\n\n', 'title,abstract\n', '- Title Abstract. 2 authors · Feb 3\n', '\\emph{', '\\cite{x}', '&amp', '&#xD800;'];

function mutate(bytes, rng) {
  const pick = (n) => Math.floor(rng() * n);
  const pos = () => pick(bytes.length + 1);
  const kind = pick(10);
  const text = (s) => Buffer.from(s);
  if (kind === 0) { // replace one byte with a syntax character
    const at = pick(bytes.length);
    const s = text(SYNTAX[pick(SYNTAX.length)]);
    return { kind: 'replace', bytes: Buffer.concat([bytes.subarray(0, at), s, bytes.subarray(at + 1)]), touched: [[at, at + 1]] };
  }
  if (kind === 1) { // delete a range
    const at = pos();
    const len = 1 + pick(rng() < 0.8 ? 40 : 400);
    return { kind: 'delete', bytes: Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + len)]), touched: [[at, at + len]] };
  }
  if (kind === 2) { // duplicate a range somewhere else
    const from = pick(bytes.length);
    const len = 1 + pick(300);
    const at = pos();
    const copy = bytes.subarray(from, from + len);
    return { kind: 'duplicate', bytes: Buffer.concat([bytes.subarray(0, at), copy, bytes.subarray(at)]), touched: [[at, at]] };
  }
  if (kind === 3) { // insert a syntax fragment
    const at = pos();
    return { kind: 'insert', bytes: Buffer.concat([bytes.subarray(0, at), text(FRAGMENTS[pick(FRAGMENTS.length)]), bytes.subarray(at)]), touched: [[at, at]] };
  }
  if (kind === 4) { // cut the file
    const at = pos();
    return { kind: 'truncate', bytes: bytes.subarray(0, at), touched: [[at, bytes.length]] };
  }
  if (kind === 5) { // invalid UTF-8
    const at = pos();
    const bad = Buffer.from([[0xff], [0xfe, 0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80]][pick(5)]);
    return { kind: 'bad-utf8', bytes: Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]), touched: [[at, at]] };
  }
  if (kind === 6) { // a very long line
    const at = pos();
    const long = text('x'.repeat(1000 + pick(200_000)));
    return { kind: 'long-line', bytes: Buffer.concat([bytes.subarray(0, at), long, bytes.subarray(at)]), touched: [[at, at]] };
  }
  if (kind === 7) { // CR or CRLF line ends everywhere
    const to = rng() < 0.5 ? '\r' : '\r\n';
    return { kind: 'line-ends', bytes: Buffer.from(bytes.toString('latin1').replace(/\n/g, to), 'latin1'), touched: [] };
  }
  if (kind === 8) { // swap two ranges of lines
    const lines = bytes.toString('latin1').split('\n');
    const a = pick(lines.length);
    const b = pick(lines.length);
    const offset = (k) => lines.slice(0, k).reduce((n, l) => n + l.length + 1, 0);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    const touched = [a, b].map((k) => [offset(k), offset(k) + (lines[k]?.length ?? 0) + 1]);
    return { kind: 'swap-lines', bytes: Buffer.from(lines.join('\n'), 'latin1'), touched };
  }
  // flip random bits of a few bytes
  const out = Buffer.from(bytes);
  const touched = [];
  for (let k = 0; k < 1 + pick(4); k++) {
    const at = pick(out.length);
    if (out.length === 0) break;
    out[at] ^= 1 << pick(8);
    touched.push([at, at + 1]);
  }
  return { kind: 'bit-flip', bytes: out, touched };
}

/** The mutated input number `index` of `format`: one mutation, two in one input of five. */
function inputOf(format, index, seeds) {
  const rng = random(hash(`${format}:${index}`));
  const seed = seeds[index % seeds.length];
  let { bytes, touched, kind } = mutate(seed.bytes, rng);
  // A second mutation works on the first one's output: its offsets are not the seed's, so
  // every record counts as touched (none is expected to survive for sure).
  if (rng() < 0.2) {
    ({ bytes } = mutate(bytes, rng));
    touched = [[0, Number.MAX_SAFE_INTEGER]];
    kind += '+';
  }
  return { bytes, touched, kind, seed: index % seeds.length };
}

// ---------------------------------------------------------------------------------------
// The child: runs inputs through the CLI in process, reports one line per input.

const normalize = (title) => title.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The seed files of `format`, from the bundled corpus. */
async function loadSeeds(format) {
  const { ingest } = await import(dist('ingest/index.js'));
  const papers = (await ingest([join(root, 'data')])).papers.map((p) => {
    const cut = p.abstract.indexOf('. ', ABSTRACT_CHARS);
    return { ...p, abstract: cut < 0 ? p.abstract : p.abstract.slice(0, cut + 1) };
  });
  return seedsOf(format, papers);
}

async function child(format, start, count, dir) {
  const { runCli } = await import(dist('cli/main.js'));
  const seeds = await loadSeeds(format);
  const file = join(dir, `input.${WRITERS[format].ext}`);
  let current = -1;
  const uncaught = (error) => process.send({ index: current, uncaught: String(error?.stack ?? error) });
  process.on('uncaughtException', uncaught);
  process.on('unhandledRejection', uncaught);
  const run = async (bytes) => {
    writeFileSync(file, bytes);
    const out = [];
    const err = [];
    const { write: outWrite } = process.stdout;
    const { write: errWrite } = process.stderr;
    process.stdout.write = (chunk) => (out.push(String(chunk)), true);
    process.stderr.write = (chunk) => (err.push(String(chunk)), true);
    let code;
    try {
      code = await runCli(['ingest', file]);
    } finally {
      process.stdout.write = outWrite;
      process.stderr.write = errWrite;
    }
    const titles = out.join('').split('\n').filter(Boolean).map((line) => normalize(JSON.parse(line).title));
    return { code, stderr: err.join(''), titles: new Set(titles) };
  };
  // What each seed gives unmutated: only the records read from it are expected to survive.
  const baselines = [];
  for (const seed of seeds) {
    const { titles } = await run(seed.bytes);
    baselines.push(seed.spans.filter((span) => titles.has(normalize(span.title))));
  }
  for (let index = start; index < start + count; index++) {
    current = index;
    const input = inputOf(format, index, seeds);
    const started = performance.now();
    const result = await run(input.bytes);
    const lines = result.stderr.split('\n').filter(Boolean);
    const problems = lines.filter((l) => l.startsWith(file) || l.startsWith(`  ${file}`)).map((l) => l.trim());
    const noLine = problems.filter((l) => !l.startsWith(`${file}:`) || !/^:\d+: /.test(l.slice(file.length)));
    const stray = lines.filter((l) => !l.startsWith(file) && !l.startsWith(`  ${file}`) && !/^ingest: \d+ files/.test(l) && !/^papergraph: ingest: no papers in the inputs/.test(l) && !/^ {2}… and \d+ more$/.test(l));
    const untouched = baselines[input.seed].filter(
      (span) => !input.touched.some(([a, b]) => a <= span.end && b >= span.start),
    );
    const lost = untouched.filter((span) => !result.titles.has(normalize(span.title))).length;
    process.send({
      index,
      kind: input.kind,
      code: result.code,
      ms: performance.now() - started,
      noLine: noLine.filter((l) => !/: file is empty$/.test(l)),
      emptyFile: noLine.some((l) => /: file is empty$/.test(l)),
      stray,
      lost,
      // The reason without what it quotes (titles, header cells, parser positions), to group by.
      problemKinds: problems.map((l) => l.replace(/^.*?:\d+: /, '').replace(/\s*[("].*$/, '').replace(/ at position \d+.*$/, '').slice(0, 70)),
      bytes: input.bytes.length,
    });
  }
  process.exit(0);
}

// ---------------------------------------------------------------------------------------
// The parent: one watchdog per format, then the table.

async function fuzzFormat(format) {
  const dir = mkdtempSync(join(tmpdir(), `papergraph-fuzz-${format}-`));
  const totals = { inputs: 0, uncaught: 0, exitAbove2: 0, noLine: 0, emptyFile: 0, hangs: 0, stray: 0, lost: 0, inputsLosing: 0, maxMs: 0, ms: 0 };
  const lostBy = new Map();
  const keep = (index, why) => {
    totals.kept = (totals.kept ?? 0) + 1;
    if (totals.kept <= 20) console.log(`  ${format} #${index}: ${why}`);
  };
  let next = 0;
  while (next < INPUTS) {
    const worker = fork(fileURLToPath(import.meta.url), ['--child', format, String(next), String(INPUTS - next), dir], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, FUZZ_DIST: process.env.FUZZ_DIST },
    });
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => worker.kill('SIGKILL'), TIMEOUT_MS + (next === 0 ? 30_000 : 5_000));
    };
    arm();
    await new Promise((resolve) => {
      worker.on('message', (m) => {
        if (m.uncaught) {
          totals.uncaught++;
          keep(m.index, `uncaught: ${m.uncaught.split('\n')[0]}`);
          return;
        }
        arm();
        next = m.index + 1;
        totals.inputs++;
        totals.ms += m.ms;
        totals.maxMs = Math.max(totals.maxMs, m.ms);
        if (m.code > 2) {
          totals.exitAbove2++;
          if (m.code === 3) totals.uncaught++;
          keep(m.index, `exit ${m.code} (${m.kind}): ${m.stray[0] ?? ''}`);
        }
        if (m.ms > TIMEOUT_MS) {
          totals.hangs++;
          keep(m.index, `took ${Math.round(m.ms)} ms (${m.kind})`);
        }
        totals.noLine += m.noLine.length;
        if (m.noLine.length) keep(m.index, `no file:line (${m.kind}): ${m.noLine[0]}`);
        if (m.emptyFile) totals.emptyFile++;
        if (m.stray.length && m.code <= 2) {
          totals.stray++;
          keep(m.index, `stray stderr (${m.kind}): ${m.stray[0]}`);
        }
        if (m.lost) {
          totals.lost += m.lost;
          totals.inputsLosing++;
          const why = `${m.kind.replace(/\+$/, '')}: ${m.problemKinds[0] ?? '(no problem reported)'}`;
          lostBy.set(why, (lostBy.get(why) ?? 0) + m.lost);
        }
      });
      worker.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (signal === 'SIGKILL' && next < INPUTS) {
          totals.hangs++;
          totals.inputs++;
          keep(next, `hang: no answer within ${TIMEOUT_MS} ms`);
          next++;
        } else if (code !== 0 && next < INPUTS) {
          totals.uncaught++;
          totals.inputs++;
          keep(next, `the child process died (exit ${code})`);
          next++;
        }
        resolve();
      });
    });
  }
  rmSync(dir, { recursive: true, force: true });
  return { totals, lostBy };
}

async function main() {
  const formats = process.argv.slice(2).filter((f) => WRITERS[f]);
  // .tmp/ is git-ignored; package.json beside the copy is where dist/version.js reads it.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const copy = mkdtempSync(join(root, '.tmp', 'fuzz-'));
  cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  process.env.FUZZ_DIST = join(copy, 'dist');
  process.on('exit', () => rmSync(copy, { recursive: true, force: true }));
  console.log(`${INPUTS} mutated inputs per format, timeout ${TIMEOUT_MS} ms per input\n`);
  const rows = [];
  for (const format of formats.length ? formats : Object.keys(WRITERS)) {
    const started = performance.now();
    const { totals, lostBy } = await fuzzFormat(format);
    rows.push({ format, totals, lostBy, s: (performance.now() - started) / 1000 });
    const t = totals;
    console.log(
      `${format.padEnd(13)} inputs ${t.inputs}  uncaught ${t.uncaught}  exit>2 ${t.exitAbove2}  no-line ${t.noLine}  hangs ${t.hangs}  stray-stderr ${t.stray}  ` +
        `lost ${t.lost} in ${t.inputsLosing} inputs  (empty-file ${t.emptyFile}; mean ${(t.ms / Math.max(1, t.inputs)).toFixed(1)} ms, max ${Math.round(t.maxMs)} ms; ${rows.at(-1).s.toFixed(0)} s)`,
    );
    for (const [why, n] of [...lostBy].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`    lost ${String(n).padStart(5)}  ${why}`);
  }
  const failed = rows.some(({ totals: t }) => t.uncaught || t.exitAbove2 || t.noLine || t.hangs);
  console.log(failed ? `\nGoals missed; inputs that missed them are listed above.` : '\nAll goals met: 0 uncaught, 0 exit>2, 0 problems without file:line, 0 hangs.');
  process.exit(failed ? 1 : 0);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6]);
} else if (process.argv[2] === '--write') {
  const [format, index, file] = process.argv.slice(3);
  writeFileSync(file, inputOf(format, Number(index), await loadSeeds(format)).bytes);
} else {
  await main();
}
