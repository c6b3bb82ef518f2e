/**
 * Where a one-shot command's time goes (`dockwire topology --timings`, and the bench): named stages, each
 * with when it began and ended, in milliseconds since the process started. Stages may overlap: the point
 * is to see what runs at once and what waits on what.
 */
export interface Stage {
  name: string;
  startMs: number;
  endMs: number;
}

export class StageTimings {
  private readonly stages: Stage[] = [];

  /** Runs work and records it as one stage, whether it succeeds or fails. */
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const startMs = performance.now();
    try {
      return await work();
    } finally {
      this.stages.push({ name, startMs, endMs: performance.now() });
    }
  }

  /** Records synchronous work as one stage. */
  timeSync<T>(name: string, work: () => T): T {
    const startMs = performance.now();
    try {
      return work();
    } finally {
      this.stages.push({ name, startMs, endMs: performance.now() });
    }
  }

  /** Records a stage measured elsewhere (the process's own start, up to now). */
  record(name: string, startMs: number, endMs = performance.now()): void {
    this.stages.push({ name, startMs, endMs });
  }

  all(): Stage[] {
    return [...this.stages].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  }

  /** One line per stage, in the order they began: "name  start ms  +duration ms". */
  report(): string {
    const stages = this.all();
    const width = Math.max(...stages.map((stage) => stage.name.length), 5);
    const lines = stages.map(
      (stage) =>
        `  ${stage.name.padEnd(width)}  ${stage.startMs.toFixed(0).padStart(6)} ms  +${(stage.endMs - stage.startMs).toFixed(0).padStart(5)} ms`,
    );
    return `dockwire: where the time went (ms since the process started; stages may overlap)\n${lines.join('\n')}`;
  }
}

/** Parses report() back into stages (the bench reads a CLI's stderr with it). */
export function parseTimingsReport(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const match of text.matchAll(/^ {2}(.+?) +(\d+) ms +\+ *(\d+) ms$/gm)) {
    const startMs = Number(match[2]);
    stages.push({ name: match[1]!, startMs, endMs: startMs + Number(match[3]) });
  }
  return stages;
}

/** For everyone not asked to measure: runs the work and keeps nothing. */
export const NO_TIMINGS: Pick<StageTimings, 'time' | 'timeSync' | 'record'> = {
  time: (_name, work) => work(),
  timeSync: (_name, work) => work(),
  record: () => {},
};

export type Timings = typeof NO_TIMINGS;
