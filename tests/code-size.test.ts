/**
 * Rooms a person can live in: no source file over 600 lines, no function over 120.
 * A long file or function is where the next change goes wrong; the limits keep each one small
 * enough to read whole. Measured with the TypeScript parser, so a function is what the language
 * says it is (declarations, methods, arrows), counted from its first line to its last.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const MAX_FILE_LINES = 600;
const MAX_FUNCTION_LINES = 120;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each function longer than `limit` lines in `text`, as `name (N lines)`. */
export function longFunctions(fileName: string, text: string, limit: number): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      const lines = last - first + 1;
      if (lines > limit) {
        const named = node.name ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined);
        found.push(`${named ? named.getText(source) : '(anonymous)'} at line ${first + 1} (${lines} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'viewer', 'src'))].map((path) => ({
  name: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

describe('code size', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it(`keeps every source file at most ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map(({ name, text }) => ({ name, lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0) }))
      .filter((f) => f.lines > MAX_FILE_LINES)
      .map((f) => `${f.name}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });

  it(`keeps every function at most ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files.flatMap(({ name, text }) => longFunctions(name, text, MAX_FUNCTION_LINES).map((f) => `${name}: ${f}`));
    expect(long).toEqual([]);
  });

  it('measures a long function and ignores a short one', () => {
    const body = Array.from({ length: 130 }, (_, i) => `  const x${i} = ${i};`).join('\n');
    const text = `function long() {\n${body}\n}\nconst short = () => 1;\nclass C { method() {\n${body}\n} }\n`;
    expect(longFunctions('sample.ts', text, MAX_FUNCTION_LINES)).toEqual([
      'long at line 1 (132 lines)',
      'method at line 134 (132 lines)',
    ]);
  });
});
