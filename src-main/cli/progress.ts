import cliProgress from 'cli-progress';

/** Shows a job's progress to a person; does nothing when nobody watches. */
export interface Progress {
  update(phase: string, current: number, total: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { update() {}, stop() {} };

/**
 * A progress bar on stderr when stderr is a terminal, none when piped (scripts and `--json`
 * consumers read stdout, which the bar never touches).
 */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {phase}`,
      hideCursor: true,
      clearOnComplete: true,
      // We stop the bar ourselves on Ctrl-C, after cancelling the job.
      gracefulExit: false,
      emptyOnZero: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(phase, current, total) {
      if (!started) {
        bar.start(total, current, { phase });
        started = true;
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(current, { phase });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
