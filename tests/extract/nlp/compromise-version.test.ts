import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url);

function readJson(path: string): { version?: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(new URL(path, ROOT), 'utf8')) as { version?: string; dependencies?: Record<string, string> };
}

// The tagger replays compromise's preTagger from its internal files (see
// src/extract/nlp/compromise-steps.ts), proven equal to compromise's own tagger for one version
// only: an upgrade must be deliberate, with the equality tests beside this one re-run.
describe('the compromise version', () => {
  const pinned = readJson('package.json').dependencies?.compromise;

  it('is pinned to an exact version in package.json', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('installed is the pinned one', () => {
    expect(readJson('node_modules/compromise/package.json').version).toBe(pinned);
  });
});
