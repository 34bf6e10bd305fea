/** What the CLI prints, captured per test (for in-process `runCli` tests). */
import { afterEach, beforeEach, vi } from 'vitest';

/** The text written to stdout and stderr since the test started (or since `clear()`). */
export interface CapturedOutput {
  readonly stdout: string;
  readonly stderr: string;
  clear(): void;
}

/** Call inside a `describe`: captures stdout and stderr of each of its tests and restores them after. */
export function captureOutputPerTest(): CapturedOutput {
  const text = { stdout: '', stderr: '' };
  beforeEach(() => {
    text.stdout = text.stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((text.stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((text.stderr += String(chunk)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return {
    get stdout() {
      return text.stdout;
    },
    get stderr() {
      return text.stderr;
    },
    clear() {
      text.stdout = text.stderr = '';
    },
  };
}
