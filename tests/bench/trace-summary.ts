// Reading a Chrome trace of one tap (phone-profile.ts, search-profile.ts): the page's main thread
// from the click on, task by task, with the events nested in each.

/** What a trace of a tap records: tasks, style, layout and paint, scripts, the app's user timing. */
export const TAP_TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
  'v8.execute',
];

export type TraceEvent = { name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { data?: Record<string, unknown> } };

/** Where an event comes from in the page's code, when the trace says. */
function whereOf(e: TraceEvent): string {
  const data = e.args?.data;
  if (data === undefined) return '';
  if (typeof data.type === 'string') return ` ${data.type}`;
  const fn = typeof data.functionName === 'string' ? data.functionName : '';
  const url = typeof data.url === 'string' ? (data.url.split('/').pop() ?? '') : '';
  return fn || url ? ` ${fn}@${url}:${String(data.lineNumber ?? '')}` : '';
}

export type TapTrace = {
  click: TraceEvent;
  /** The window's end, in trace time (µs). */
  end: number;
  /** Is a complete event in the window (from 2 ms before the click to `end`)? */
  inWindow: (e: TraceEvent) => boolean;
  /** The main thread's events in the window, in order. */
  onThread: TraceEvent[];
  /** Each task with its offset and length, the events in it of at least `minMs` nested below, then how busy the thread was. */
  lines: string[];
};

/**
 * The page's main thread from the tap (the click's dispatch) to `untilMs` after it, so that a
 * frame's style, layout and paint show beside the scripts; gaps between tasks are waits.
 * Undefined when the trace holds no click.
 */
export function tapTasks(events: readonly TraceEvent[], untilMs: number, shown: { minMs: number; maxDepth: number }): TapTrace | undefined {
  const click = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
  if (click === undefined) return undefined;
  const end = click.ts + untilMs * 1000;
  const inWindow = (e: TraceEvent) => e.ph === 'X' && e.dur !== undefined && e.ts + e.dur >= click.ts - 2000 && e.ts <= end;
  const onThread = events.filter((e) => e.pid === click.pid && e.tid === click.tid && inWindow(e)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const lines: string[] = [];
  const stack: TraceEvent[] = [];
  let busy = 0;
  for (const e of onThread) {
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top !== undefined && e.ts >= top.ts + (top.dur ?? 0)) stack.pop();
      else break;
    }
    const depth = stack.length;
    stack.push(e);
    if (depth === 0) busy += e.dur ?? 0;
    if ((e.dur ?? 0) < shown.minMs * 1000 || depth > shown.maxDepth) continue;
    lines.push(`${((e.ts - click.ts) / 1000).toFixed(1).padStart(7)} ${((e.dur ?? 0) / 1000).toFixed(1).padStart(6)} ${'  '.repeat(depth)}${e.name}${whereOf(e)}`);
  }
  lines.push(`main thread busy ${(busy / 1000).toFixed(1)} ms of ${untilMs.toFixed(0)}`);
  return { click, end, inWindow, onThread, lines };
}
