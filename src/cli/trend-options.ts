/**
 * Burst and trend options on the command line
 * ===========================================
 *
 * `build`'s knobs of Kleinberg burst detection and of the emerging / fading test, with their
 * defaults shown in `--help`.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { TREND_DEFAULTS, type TrendOptions } from '../trends/analyze.js';

/** The trend options a command was given (undefined: the default). */
export interface TrendCommandOptions {
  burstStateRatio?: number;
  burstGamma?: number;
  burstMinDuration?: number;
  trendMinPapers?: number;
  trendAlpha?: number;
  trendPeriods?: number;
  periodMinPapers?: number | 'auto';
}

function parse(what: string, ok: (n: number) => boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !ok(n)) throw new InvalidArgumentError(`expected ${what}`);
    return n;
  };
}

const wholeAtLeast = (min: number) => parse(`a whole number ≥ ${min}`, (n) => Number.isInteger(n) && n >= min);

/** Adds the burst and trend options to `command`. */
export function addTrendOptions(command: Command): Command {
  const d = TREND_DEFAULTS;
  return command
    .addOption(
      new Option('--burst-state-ratio <s>', `Kleinberg's s: a burst is a share s times the concept's overall share (default: ${d.stateRatio})`).argParser(
        parse('a number > 1', (n) => Number.isFinite(n) && n > 1),
      ),
    )
    .addOption(
      new Option('--burst-gamma <g>', `Kleinberg's γ: higher needs stronger evidence to enter a burst (default: ${d.gamma})`).argParser(
        parse('a number ≥ 0', (n) => Number.isFinite(n) && n >= 0),
      ),
    )
    .addOption(new Option('--burst-min-duration <n>', `shortest burst kept, in periods (default: ${d.minDuration})`).argParser(wholeAtLeast(1)))
    .addOption(
      new Option('--trend-min-papers <n>', `dated papers a concept or community needs for bursts and a trend (default: ${d.minPapers})`).argParser(wholeAtLeast(1)),
    )
    .addOption(
      new Option('--trend-alpha <p>', `significance level of the emerging / fading test (default: ${d.alpha})`).argParser(
        parse('a number between 0 and 1', (n) => n > 0 && n < 1),
      ),
    )
    .addOption(
      new Option('--trend-periods <n>', `emerging / fading over the last N periods, 0 = all (default: ${d.recentPeriods})`).argParser(
        parse('0 or a whole number ≥ 3', (n) => Number.isInteger(n) && (n === 0 || n >= 3)),
      ),
    )
    .addOption(
      new Option('--period-min-papers <n>', 'merge sparse periods (years, or months) until each holds N papers (default: auto, 1 in 200 dated papers, at least 10)').argParser(
        (value: string) => (value.trim() === 'auto' ? 'auto' : wholeAtLeast(1)(value)),
      ),
    );
}

/** The options of {@link addTrendOptions} as the trends stage takes them. */
export function trendOptionsOf(o: TrendCommandOptions): Partial<TrendOptions> {
  return {
    stateRatio: o.burstStateRatio,
    gamma: o.burstGamma,
    minDuration: o.burstMinDuration,
    minPapers: o.trendMinPapers,
    alpha: o.trendAlpha,
    recentPeriods: o.trendPeriods,
    minPeriodPapers: o.periodMinPapers,
  };
}
