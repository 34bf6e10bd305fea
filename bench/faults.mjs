#!/usr/bin/env node
// Faults: builds killed with -9 and builds racing on one folder. The bundled corpus is built into
// a folder D, then N ACL abstracts into the same D, killed at five moments (pass 1, the build
// state, the graph files, the reports and viewer data, the move into place); after each kill
// every reader (report, export, the viewer's data, --into) is asked to read D, and the build is
// rerun. Then two builds, and two --into builds, on one folder at once. With a Neo4j (the
// throw-away server the database tests start, or NEO4J_URI), the --neo4j write is killed at five
// moments too, each followed by the rerun. Prints the counts below; not run by CI.
//
//   npm run bench -- faults                     # N = 10,000
//   FAULTS_N=2000 npm run bench -- faults       # fewer abstracts
//   FAULTS_CORPUS=path.jsonl.gz ...             # another corpus (relative to the repository)
//   FAULTS_NEO4J=0 ...                          # skip the Neo4j part
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, cpSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = resolve(REPO, process.env.FAULTS_CORPUS ?? process.argv[2] ?? '../shared/corpora/acl-anthology-abstracts.jsonl.gz');
const N = Number(process.env.FAULTS_N ?? 10_000);
const CLI = join(REPO, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'pg-faults-'));

const counts = { rerunsIdentical: 0, reruns: 0, acceptedWhileMixed: 0, exit0OverCorrupted: 0, internalErrors: 0, neo4jDuplicates: 0 };
const notes = [];

/** The first `n` lines of a (gzipped) JSON Lines file, written to `to`. */
async function head(from, to, n) {
  const out = createWriteStream(to);
  const source = createReadStream(from);
  const lines = createInterface({ input: from.endsWith('.gz') ? source.pipe(createGunzip()) : source, crlfDelay: Infinity });
  let i = 0;
  for await (const line of lines) {
    if (i++ >= n) break;
    out.write(`${line}\n`);
  }
  source.destroy();
  await new Promise((r) => out.end(r));
}

/** Runs the CLI to the end; counts internal errors (exit 3, or "internal error" printed). */
function cli(args, env = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  if (run.status === 3 || /internal error/i.test(run.stderr)) {
    counts.internalErrors++;
    notes.push(`internal error: papergraph ${args.join(' ')}: ${run.stderr.trim().split('\n')[0]}`);
  }
  return run;
}

/** Every file of a build folder (dot files and folders aside), relative, with a digest of its bytes. */
function fingerprint(dir) {
  const files = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const rel = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (!entry.isFile() || rel.split('/').some((p) => p.startsWith('.'))) continue;
    files.set(rel, readFileSync(join(dir, rel)).toString('base64'));
  }
  return files;
}
const same = (a, b) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
/** Whether folder `dir` holds one whole build: exactly `a`'s files or `b`'s, with no commit marker. */
const isOneBuild = (dir, a, b) => !existsSync(join(dir, '.papergraph-commit')) && [a, b].some((f) => same(fingerprint(dir), f));

/** Spawns a build and kills it with -9 once `when(dir)` holds (polled); resolves to whether it was killed in time. */
async function killWhen(args, dir, when, env = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
  const exited = new Promise((r) => child.once('exit', (code) => r(code)));
  let killed = false;
  while (child.exitCode === null && !killed) {
    if (when(dir)) {
      child.kill('SIGKILL');
      killed = true;
    } else await new Promise((r) => setTimeout(r, 2));
  }
  await exited;
  return killed;
}

/** The staging folder of a running build of `dir`, if any. */
function staging(dir) {
  const name = existsSync(dir) && readdirSync(dir).find((n) => n.startsWith('.papergraph-staging-'));
  return name ? join(dir, name) : undefined;
}
const staged = (file) => (dir) => {
  const s = staging(dir);
  return s !== undefined && existsSync(join(s, file));
};

/** The five moments of a build to files at which it is killed. */
const MOMENTS = [
  ['pass 1 (state written plain)', staged('state/papers.jsonl')],
  ['build state compressed', staged('state/papers.jsonl.gz')],
  ['graph files written', staged('papers.jsonl')],
  ['reports and viewer data', staged('report.md')],
  ['files moved into place', (dir) => existsSync(join(dir, '.papergraph-commit'))],
];

/** Asks every reader to read `dir`; counts those that accept it while it is not one build. */
function readAll(dir, one, label) {
  const readers = [
    ['report', ['report', dir, '--format', 'json']],
    ['export', ['export', dir, '--format', 'csv', '--out', join(tmp, 'export')]],
  ];
  for (const [name, args] of readers) {
    const run = cli(args);
    if (run.status === 0 && !one) {
      counts.acceptedWhileMixed++;
      notes.push(`${label}: ${name} accepted a mixed folder`);
    }
  }
  // The viewer's data, as `serve` reads it (through build-dir).
  const viewer = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const b = await import(${JSON.stringify(join(REPO, 'dist/build-dir/index.js'))}); const v = await import(${JSON.stringify(join(REPO, 'dist/viewer/index.js'))}); await b.viewerDataSource(${JSON.stringify(dir)}, v.viewerDataJson).text();`],
    { encoding: 'utf8' },
  );
  if (viewer.status === 0 && !one) {
    counts.acceptedWhileMixed++;
    notes.push(`${label}: the viewer data of a mixed folder was served`);
  }
}

async function filesPart(acl, tiny) {
  const bundled = join(tmp, 'bundled');
  const clean = join(tmp, 'clean');
  console.log(`clean builds: bundled corpus, ${N} ACL abstracts`);
  cli(['build', '--out', bundled]);
  cli(['build', acl, '--out', clean]);
  const bundledPrint = fingerprint(bundled);
  const cleanPrint = fingerprint(clean);
  for (const [label, when] of MOMENTS) {
    const dir = join(tmp, 'killed');
    rmSync(dir, { recursive: true, force: true });
    cpSync(bundled, dir, { recursive: true });
    const killed = await killWhen(['build', acl, '--out', dir], dir, when);
    if (!killed) notes.push(`${label}: the build ended before the kill`);
    const one = isOneBuild(dir, bundledPrint, cleanPrint);
    readAll(dir, one, `kill at ${label}`);
    // --into over what the kill left, on a copy.
    const into = join(tmp, 'into-over-kill');
    rmSync(into, { recursive: true, force: true });
    cpSync(dir, into, { recursive: true });
    if (cli(['build', tiny, '--into', into]).status === 0 && !one) {
      counts.exit0OverCorrupted++;
      notes.push(`kill at ${label}: --into exited 0 over a mixed folder`);
    }
    const rerun = cli(['build', acl, '--out', dir]);
    counts.reruns++;
    if (rerun.status === 0 && same(fingerprint(dir), cleanPrint)) counts.rerunsIdentical++;
    else notes.push(`kill at ${label}: the rerun (exit ${rerun.status}) differs from a clean build`);
    console.log(`  killed at ${label}${killed ? '' : ' (missed)'}: folder ${one ? 'one build' : 'mixed'}`);
  }
  await races(acl, tiny, clean, cleanPrint);
}

/** Two builds, then two --into builds, on one folder at once. */
async function races(acl, tiny, clean, cleanPrint) {
  const dir = join(tmp, 'race');
  rmSync(dir, { recursive: true, force: true });
  const first = spawn(process.execPath, [CLI, 'build', acl, '--out', dir], { stdio: 'ignore' });
  const firstExit = new Promise((r) => first.once('exit', (code) => r(code)));
  while (!existsSync(join(dir, '.papergraph.lock.json')) && first.exitCode === null) await new Promise((r) => setTimeout(r, 10));
  const second = cli(['build', '--out', dir]);
  const firstCode = await firstExit;
  console.log(`  two builds: first exit ${firstCode}, second exit ${second.status}: ${second.stderr.trim()}`);
  if (firstCode === 0 && second.status === 0) counts.exit0OverCorrupted++;
  if (!same(fingerprint(dir), cleanPrint)) notes.push('two builds: the folder is not the first build, whole');
  readAll(dir, isOneBuild(dir, cleanPrint, cleanPrint), 'two builds');

  const intoDir = join(tmp, 'race-into');
  rmSync(intoDir, { recursive: true, force: true });
  cpSync(clean, intoDir, { recursive: true });
  const runs = [0, 1].map(() => {
    const child = spawn(process.execPath, [CLI, 'build', tiny, '--into', intoDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise((r) => child.once('exit', (code) => r({ code, stderr })));
  });
  const results = await Promise.all(runs);
  for (const r of results) if (r.code === 3 || /internal error/i.test(r.stderr)) counts.internalErrors++;
  const ok = results.filter((r) => r.code === 0).length;
  const refusals = results.filter((r) => r.code !== 0).map((r) => `: ${r.stderr.trim().split('\n')[0]}`);
  console.log(`  two --into: exits ${results.map((r) => r.code).join(', ')}${refusals.join('')}`);
  if (ok > 1) counts.exit0OverCorrupted++;
  const after = cli(['build', tiny, '--into', intoDir]);
  if (after.status !== 0) notes.push(`two --into: a later --into fails (${after.stderr.trim()})`);
}

/** The count a duplicate-finding `cypher` returns (as `n`); a failed query is a note, not 0. */
function duplicates(cypher, env) {
  const run = cli(['query', cypher, '--format', 'json'], env);
  const n = run.status === 0 ? Number(JSON.parse(run.stdout)[0]?.n) : NaN;
  if (!Number.isInteger(n)) notes.push(`Neo4j: cannot count duplicates (${run.stderr.trim().split('\n')[0]})`);
  return Number.isInteger(n) ? n : 0;
}

/** Kills the --neo4j write at five moments, reruns it each time, and counts duplicate nodes. */
async function neo4jPart(acl) {
  if (process.env.FAULTS_NEO4J === '0') return notes.push('Neo4j part skipped (FAULTS_NEO4J=0)');
  let server;
  let env;
  if (process.env.NEO4J_URI) env = {};
  else {
    try {
      const { startThrowAwayServer } = await import('../dist/store/server.js');
      server = await startThrowAwayServer({ heap: '1g', pageCache: '256m' });
      env = { NEO4J_URI: server.uri, NEO4J_USER: server.user, NEO4J_PASSWORD: server.password };
    } catch (error) {
      return notes.push(`Neo4j part skipped: no server could be started (${error.message.split('\n')[0]})`);
    }
  }
  try {
    const dir = join(tmp, 'neo4j');
    const args = ['build', acl, '--out', dir, '--neo4j', '--corpus', 'faults'];
    for (const seconds of [0.2, 0.5, 1, 2, 4]) {
      // Counted from the files being in place: the Neo4j write runs after them.
      rmSync(dir, { recursive: true, force: true });
      let since;
      const killed = await killWhen(args, dir, (d) => {
        if (since === undefined && !existsSync(join(d, '.papergraph-commit')) && existsSync(join(d, 'build-manifest.json')) && !staging(d)) since = Date.now();
        return since !== undefined && Date.now() - since >= seconds * 1000;
      }, env);
      if (!killed) notes.push(`Neo4j: the write ended before the kill at +${seconds} s`);
      const rerun = cli(args, env);
      if (rerun.status !== 0) notes.push(`Neo4j: rerun after the kill at +${seconds} s exited ${rerun.status}`);
      const found = [
        duplicates('MATCH (p:Paper) WITH p.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS n', env),
        duplicates('MATCH (c:Concept) WITH c.key AS k, count(*) AS c WHERE c > 1 RETURN count(*) AS n', env),
      ];
      counts.neo4jDuplicates += found[0] + found[1];
      console.log(`  Neo4j killed at +${seconds} s${killed ? '' : ' (missed)'}: duplicate papers ${found[0]}, concepts ${found[1]}`);
    }
  } finally {
    await server?.stop();
  }
}

try {
  if (!existsSync(CORPUS)) {
    console.error(`faults: no corpus at ${CORPUS} (give a path as argument or FAULTS_CORPUS)`);
    process.exit(1);
  }
  const acl = join(tmp, `acl-${N}.jsonl`);
  await head(CORPUS, acl, N);
  const tiny = join(tmp, 'tiny.jsonl');
  await head(CORPUS, tiny, N + 5).then(() => {
    const lines = readFileSync(tiny, 'utf8').trim().split('\n').slice(N);
    return import('node:fs').then((fs) => fs.writeFileSync(tiny, `${lines.join('\n')}\n`));
  });
  console.log(`faults on ${N} abstracts of ${CORPUS} (size ${statSync(acl).size} bytes)`);
  await filesPart(acl, tiny);
  await neo4jPart(acl);
  console.log('');
  console.log(`reruns byte-identical to a clean build   ${counts.rerunsIdentical}/${counts.reruns}`);
  console.log(`folders accepted while mixed             ${counts.acceptedWhileMixed}`);
  console.log(`builds exiting 0 over a corrupted state  ${counts.exit0OverCorrupted}`);
  console.log(`internal errors                          ${counts.internalErrors}`);
  console.log(`duplicates in Neo4j                      ${counts.neo4jDuplicates}`);
  for (const note of notes) console.log(`  note: ${note}`);
} finally {
  if (!process.env.FAULTS_KEEP) rmSync(tmp, { recursive: true, force: true });
}
