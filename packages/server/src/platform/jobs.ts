/** A job run on a fixed interval. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Run jobs on intervals, one run of a job at a time (a slow run is never overlapped by
 * the next). Returns a stop function. Failures are reported and the job runs again next time.
 */
export function startScheduler(jobs: ScheduledJob[], onError: (job: string, err: unknown) => void): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      job
        .run()
        .catch((err) => onError(job.name, err))
        .finally(() => {
          running = false;
        });
    }, job.everyMs);
    // Timers alone must not keep the process alive at shutdown.
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
