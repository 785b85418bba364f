// Python traceback frames in a job's log, found without VS Code so the rules are unit tested.

export interface TracebackFrame {
  path: string;
  line: number;
  /** Offsets of the path (inside its quotes) in the text searched. */
  pathStart: number;
  pathEnd: number;
}

const FRAME = /File "([^"\n]+\.py)", line (\d+)/g;

export function tracebackFrames(text: string): TracebackFrame[] {
  const frames: TracebackFrame[] = [];
  for (const m of text.matchAll(FRAME)) {
    const pathStart = (m.index ?? 0) + 'File "'.length;
    frames.push({ path: m[1], line: Number(m[2]), pathStart, pathEnd: pathStart + m[1].length });
  }
  return frames;
}

/** How many trailing path segments two paths share (`a/trainer/task.py` and `trainer/task.py`: 2). */
export function matchingSuffix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
