/**
 * The import rules of src/, read from the code: each stage folder stands alone (its own files
 * and the shared top-level modules), and src/build-dir/ runs no stage.
 *
 * build-dir may import a stage's types only (`import type` / `export type`): the build state
 * stores the extract stage's `PaperAnalysis`, and naming that shape is not running the stage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/paths.js';

const SRC = join(PACKAGE_ROOT, 'src');
const STAGES = ['ingest', 'extract', 'graph', 'trends', 'store', 'report', 'viewer'] as const;

/** One relative import of a file: the specifier, and whether it brings in types only. */
interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** Static `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')`. */
export function parseImports(text: string): Import[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: Import[] = [];
  const fromClause = /\b(import|export)(\s+type\b)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(fromClause)) found.push({ specifier: m[3]!, typeOnly: m[2] !== undefined });
  for (const m of code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1]!, typeOnly: false });
  // `typeof import('…')` and `import('…').Name` in a type position name types only.
  for (const m of code.matchAll(/(\btypeof\s+)?\bimport\(\s*['"]([^'"]+)['"]\s*\)(\s*\.\s*[A-Z])?/g)) {
    found.push({ specifier: m[2]!, typeOnly: m[1] !== undefined || m[3] !== undefined });
  }
  return found.filter((i) => i.specifier.startsWith('.'));
}

/** `src/<area>/…` → area; a top-level `src/x.ts` (imported as `x.js`) → `x.ts`. */
function areaOf(file: string): string {
  return relative(SRC, file).split(sep)[0]!.replace(/\.js$/, '.ts');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Why a file of `fromArea` may not import one of `toArea`, or undefined when it may. */
export function ruleBroken(fromArea: string, toArea: string, typeOnly: boolean): string | undefined {
  const isStage = (area: string) => (STAGES as readonly string[]).includes(area);
  const isShared = (area: string) => area.endsWith('.ts') && area !== 'pipeline.ts';
  if (fromArea === toArea || isShared(toArea)) return undefined;
  if (isStage(fromArea)) return `the ${fromArea} stage imports only its own files and the shared src/*.ts modules`;
  if (fromArea === 'build-dir') {
    if (isStage(toArea) && typeOnly) return undefined;
    return `build-dir runs no stage and calls no caller (types of stages only)`;
  }
  return undefined;
}

describe('the imports of src/', () => {
  const files = sourceFiles(SRC);

  it('finds the source and its imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(parseImports("import type { A } from './a.js';\nexport { b } from '../b.js';\nconst c = await import('./c.js');\n// import x from './commented.js';")).toEqual([
      { specifier: './a.js', typeOnly: true },
      { specifier: '../b.js', typeOnly: false },
      { specifier: './c.js', typeOnly: false },
    ]);
    expect(parseImports("let t: typeof import('./t.js'); let u: import('./u.js').U;")).toEqual([
      { specifier: './t.js', typeOnly: true },
      { specifier: './u.js', typeOnly: true },
    ]);
  });

  it.each([
    ['graph', 'store', false, true],
    ['store', 'graph', true, true],
    ['report', 'build-dir', false, true],
    ['viewer', 'pipeline.ts', false, true],
    ['viewer', 'cli', false, true],
    ['store', 'model.ts', false, false],
    ['build-dir', 'extract', true, false],
    ['build-dir', 'extract', false, true],
    ['build-dir', 'cli', true, true],
    ['build-dir', 'pipeline.ts', true, true],
    ['cli', 'build-dir', false, false],
    ['pipeline.ts', 'graph', false, false],
  ])('%s → %s (types only: %s) breaks a rule: %s', (from, to, typeOnly, broken) => {
    expect(ruleBroken(from, to, typeOnly) !== undefined).toBe(broken);
  });

  it('keeps every stage apart, and build-dir off the stages', () => {
    const broken: string[] = [];
    for (const file of files) {
      const fromArea = areaOf(file);
      for (const { specifier, typeOnly } of parseImports(readFileSync(file, 'utf8'))) {
        const target = resolve(dirname(file), specifier);
        const reason = ruleBroken(fromArea, areaOf(target), typeOnly);
        if (reason) broken.push(`${relative(PACKAGE_ROOT, file)} imports '${specifier}': ${reason}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
