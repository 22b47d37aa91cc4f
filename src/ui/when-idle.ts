/**
 * Runs `work` when the phone has nothing more urgent to do (within a tenth of a second): work
 * queued just after a paint would otherwise run before what comes next, a tap or a frame.
 * Returns the call that cancels it.
 */
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  const idle = requestIdleCallback(work, { timeout: 100 });
  return () => cancelIdleCallback(idle);
}
