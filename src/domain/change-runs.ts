// A visit's changes as runs per person, in order, as both sync wires write them (push-wire.ts,
// pull-wire.ts): a person's id once for all their changes, and a new value that repeats its
// record's own field sent as a pointer to it. Pure.

/** The record field a change's new value repeats: a person "added" is logged with their name. */
export const recordFieldOf = (field: string): string => (field === 'added' ? 'name' : field);

/** Consecutive changes of the same person (null: the household), each written by `item`, order kept. */
export function changeRuns<C extends { personId?: string }, T>(changes: readonly C[], item: (change: C, personId: string | null) => T): [string | null, ...T[]][] {
  const runs: [string | null, ...T[]][] = [];
  let run: [string | null, ...T[]] | undefined;
  for (const change of changes) {
    const personId = change.personId ?? null;
    if (run === undefined || run[0] !== personId) {
      run = [personId];
      runs.push(run);
    }
    run.push(item(change, personId));
  }
  return runs;
}
