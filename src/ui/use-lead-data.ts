// What the lead's screens read: the commune's tallies (the current figures, without reading every
// person), or its records and visits (the report, and figures of an earlier moment), both live so
// a sync shows at once; its hamlets by name, and the commune's plan. Computed on the phone.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from './app-context';
import { useLiveQuery } from './live-query';
import type { StoredTally } from '../db/database';
import { loadCommuneRecords, type CommuneRecords } from '../db/lead-records';
import { loadPlan } from '../db/plans';
import { ensureTallies, readTallies } from '../db/tallies';
import { computePeriodFigures, type PeriodFiguresInput, type PeriodSummary } from '../db/period-figures-client';
import type { Area } from '../domain/areas';
import { childrenOf } from '../domain/area-tree';
import type { Targets } from '../domain/coverage';
import type { Place } from '../domain/report-tables';
import { DEFAULT_TARGETS, type Plan } from '../domain/targets';

/** Whose figures: the account's commune and, for an account limited to some hamlets, those. */
export type LeadScope = { communeCode: string; hamletCodes?: readonly string[] | null | undefined };

export type LeadData = {
  /** undefined while the records load. */
  data: CommuneRecords | undefined;
  error: unknown;
  commune: Place;
  hamlets: Place[];
  /** undefined while loading; null when the commune has no plan entered. */
  plan: Plan | null | undefined;
  targets: Targets;
};

/** The commune's hamlets by name, and any hamlet a household names that the phone has no name for. */
function hamletPlaces(areas: readonly Area[], scope: LeadScope, present: readonly string[]): Place[] {
  const visible = (code: string) => !scope.hamletCodes || scope.hamletCodes.includes(code);
  const named = childrenOf(areas, scope.communeCode).filter((a) => visible(a.code));
  const known = new Set(named.map((a) => a.code));
  const unnamed = [...new Set(present)].filter((c) => !known.has(c) && visible(c)).sort();
  return [...named.map((a) => ({ code: a.code, name: a.name })), ...unnamed.map((code) => ({ code, name: code }))];
}

/** The commune's records and visits, live; `wanted` false reads nothing (yet). */
export function useCommuneRecords(communeCode: string, wanted = true): { data: CommuneRecords | undefined; error: unknown } {
  const { db } = useApp();
  const live = useLiveQuery(() => (wanted ? loadCommuneRecords(db, communeCode) : Promise.resolve(undefined)), [db, communeCode, wanted]);
  return { data: live.value, error: live.error };
}

/** The commune's tallies, live, rebuilt first if a write left them behind. */
export function useCommuneTallies(communeCode: string): { tallies: StoredTally[] | undefined; error: unknown } {
  const { db } = useApp();
  const [ready, setReady] = useState<{ error: unknown } | undefined>(undefined);
  useEffect(() => {
    let current = true;
    ensureTallies(db).then(
      () => current && setReady({ error: undefined }),
      (error: unknown) => current && setReady({ error }),
    );
    return () => {
      current = false;
    };
  }, [db]);
  const live = useLiveQuery(() => (ready ? readTallies(db, communeCode) : Promise.resolve(undefined)), [db, communeCode, ready]);
  return { tallies: live.value, error: ready?.error ?? live.error };
}

/** A period's figures from every record and visit, computed off the screen's thread; again when the input changes. */
export function usePeriodFigures(input: PeriodFiguresInput | undefined): PeriodSummary | undefined {
  const { db } = useApp();
  // Figures of another period or commune are never shown; those of an earlier moment stay until the new ones come.
  const key = input === undefined ? '' : `${input.communeCode}|${input.period.key}|${JSON.stringify(input.targets)}`;
  const [figures, setFigures] = useState<{ key: string; summary: PeriodSummary } | undefined>(undefined);
  useEffect(() => {
    if (input === undefined) return undefined;
    const abort = new AbortController();
    computePeriodFigures(db, input, abort.signal).then(
      (summary) => setFigures({ key, summary }),
      () => undefined,
    );
    return () => abort.abort();
  }, [db, key, input?.now]);
  return figures?.key === key ? figures.summary : undefined;
}

export type LeadPlaces = Omit<LeadData, 'data' | 'error'>;

/** The commune and its hamlets by name (with `present`, the hamlets its records name), and its plan. */
export function useLeadPlaces(scope: LeadScope, present: readonly string[]): LeadPlaces {
  const { db } = useApp();
  const { communeCode } = scope;
  const areas = useLiveQuery(() => db.areas.toArray(), [db]).value;
  const [plan, setPlan] = useState<Plan | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    loadPlan(communeCode).then(
      (p) => current && setPlan(p ?? null),
      () => current && setPlan(null),
    );
    return () => {
      current = false;
    };
  }, [communeCode]);
  const presentKey = present.join('\n');
  const hamlets = useMemo(() => hamletPlaces(areas ?? [], scope, present), [areas, presentKey, communeCode, scope.hamletCodes]);
  const communeName = areas?.find((a) => a.code === communeCode)?.name ?? communeCode;
  const commune = useMemo(() => ({ code: communeCode, name: communeName }), [communeCode, communeName]);
  return { commune, hamlets, plan, targets: plan?.targets ?? DEFAULT_TARGETS };
}

/** Everything of the commune (the report): its records and visits, hamlets and plan. */
export function useLeadData(scope: LeadScope): LeadData {
  const { data, error } = useCommuneRecords(scope.communeCode);
  const present = useMemo(() => (data?.records ?? []).map((r) => r.household.hamletCode), [data]);
  return { data, error, ...useLeadPlaces(scope, present) };
}

/** Today on the phone's clock, as an ISO date in local time (the quarter a lead is in). */
export function localToday(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
