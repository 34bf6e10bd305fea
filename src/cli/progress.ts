/**
 * Progress for long work, on stderr: bars only when stderr is a terminal, so pipes, CI logs and
 * tests stay clean, and for a build one line per stage everywhere. Library code reports through
 * a `ProgressReporter` callback and never draws anything itself.
 */
import cliProgress from 'cli-progress';
import { resolveDefaults } from '../defaults.js';
import type { ProgressReporter } from '../model.js';
import { formatSeconds } from './build-summary.js';


export interface ProgressBar {
  report: ProgressReporter;
  /** Ends the display; `completed` false (a failed stage) leaves no line behind. */
  stop(completed?: boolean): void;
}

/** A bar labelled `stage`; a no-op when stderr is not a TTY. */
export function createProgressBar(stage: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { report: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${stage.padEnd(10)} {bar} {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    report(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Options of {@link createStageProgress}. */
export interface StageProgressOptions {
  stream: NodeJS.WriteStream;
  /** Clock in milliseconds, injectable for tests. */
  now: () => number;
  /** How often the TTY line's elapsed time is redrawn. */
  tickMs: number;
}

const STAGE_PROGRESS_DEFAULTS: StageProgressOptions = { stream: process.stderr, now: () => Date.now(), tickMs: 250 };

/**
 * The progress of one build stage, on stderr. On a terminal: the stage name with its running
 * time while it works (a bar instead once the stage reports counts), then one line with its
 * time once it completes. Elsewhere (a pipe, a CI log): only that one line per stage, when it ends, so a long run
 * still shows where it is without filling the log.
 */
export function createStageProgress(stage: string, options: Partial<StageProgressOptions> = {}): ProgressBar {
  const { stream, now, tickMs } = resolveDefaults(STAGE_PROGRESS_DEFAULTS, options);
  const start = now();
  const name = stage.padEnd(11);
  let bar: ProgressBar | undefined;
  let timer: NodeJS.Timeout | undefined;
  const clearLine = () => stream.write('\r\x1b[2K');
  if (stream.isTTY) {
    const draw = () => stream.write(`\r\x1b[2K${name} … ${formatSeconds(now() - start)}`);
    draw();
    timer = setInterval(draw, tickMs);
    // The redraw must never keep the process alive after the build.
    timer.unref();
  }
  return {
    report(done, total) {
      if (!stream.isTTY) return;
      if (!bar) {
        clearInterval(timer);
        clearLine();
        bar = createProgressBar(stage, stream);
      }
      bar.report(done, total);
    },
    stop(completed = true) {
      clearInterval(timer);
      bar?.stop();
      if (stream.isTTY && !bar) clearLine();
      // A failed stage gets no line: the error that follows says what happened.
      if (completed) stream.write(`${name} ${formatSeconds(now() - start)}\n`);
    },
  };
}
