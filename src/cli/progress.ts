/**
 * Progress bars for long work: on stderr, and only when stderr is a terminal, so pipes,
 * CI logs and tests stay clean. Library code reports through a `ProgressReporter` callback and
 * never draws anything itself.
 */
import cliProgress from 'cli-progress';
import type { ProgressReporter } from '../model.js';


export interface ProgressBar {
  report: ProgressReporter;
  stop(): void;
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
