import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addTrendOptions, trendOptionsOf, type TrendCommandOptions } from '../../src/cli/trend-options.js';

function parse(args: string[]): Partial<ReturnType<typeof trendOptionsOf>> {
  const command = addTrendOptions(new Command('build').exitOverride().configureOutput({ writeErr: () => {} }));
  command.parse(args, { from: 'user' });
  return trendOptionsOf(command.opts<TrendCommandOptions>());
}

describe('build trend options', () => {
  it('leaves every setting to the defaults when none is given', () => {
    expect(Object.values(parse([])).every((v) => v === undefined)).toBe(true);
  });

  it('reads each option into its setting', () => {
    expect(
      parse(['--burst-state-ratio', '3', '--burst-gamma', '0.5', '--burst-min-duration', '1', '--trend-min-papers', '20', '--trend-alpha', '0.05', '--trend-periods', '0', '--period-min-papers', 'auto']),
    ).toEqual({ stateRatio: 3, gamma: 0.5, minDuration: 1, minPapers: 20, alpha: 0.05, recentPeriods: 0, minPeriodPapers: 'auto' });
    expect(parse(['--period-min-papers', '50']).minPeriodPapers).toBe(50);
  });

  it.each([
    ['--burst-state-ratio', '1', /expected a number > 1/],
    ['--burst-gamma', '-1', /expected a number ≥ 0/],
    ['--burst-min-duration', '1.5', /expected a whole number ≥ 1/],
    ['--trend-alpha', '1', /between 0 and 1/],
    ['--trend-periods', '2', /0 or a whole number ≥ 3/],
    ['--period-min-papers', 'many', /whole number ≥ 1/],
  ])('rejects %s %s with what it expects', (option, value, message) => {
    expect(() => parse([option, value])).toThrow(message);
  });
});
