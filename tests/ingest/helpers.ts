import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { readRecords, type IngestProblem, type RawRecord } from '../../src/ingest/index.js';
import type { InputFormat } from '../../src/model.js';

/** Path of a fixture file. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** All records and problems of one file. */
export async function readAll(
  file: string,
  format: InputFormat | 'auto' = 'auto',
): Promise<{ records: RawRecord[]; problems: IngestProblem[] }> {
  const records: RawRecord[] = [];
  const problems: IngestProblem[] = [];
  for await (const item of readRecords(file, format)) {
    if ('record' in item) records.push(item.record);
    else problems.push(item.problem);
  }
  return { records, problems };
}

/** `file:line: kind` of each problem, with the file's base name. */
export const where = (problems: IngestProblem[]): string[] =>
  problems.map((p) => `${p.file.split('/').pop()}:${p.line ?? '-'}: ${p.kind}`);

/** A temporary folder for one test file (removed after it), and a function writing a file into it. */
export function temporaryFiles(prefix: string): { dir: string; write: (name: string, content: string | Buffer) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  return { dir, write };
}
