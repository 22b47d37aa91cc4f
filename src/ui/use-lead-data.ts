// What the lead's screens read: the commune's records and visits (live, so a sync shows at
// once), its hamlets by name, and the commune's plan. Everything is computed on the phone.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from './app-context';
import { useLiveQuery } from './live-query';
import { loadCommuneRecords, type CommuneRecords } from '../db/lead-records';
import { loadPlan } from '../db/plans';
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
function hamletPlaces(areas: readonly Area[], scope: LeadScope, data: CommuneRecords | undefined): Place[] {
  const visible = (code: string) => !scope.hamletCodes || scope.hamletCodes.includes(code);
  const named = childrenOf(areas, scope.communeCode).filter((a) => visible(a.code));
  const known = new Set(named.map((a) => a.code));
  const unnamed = [...new Set((data?.records ?? []).map((r) => r.household.hamletCode))].filter((c) => !known.has(c) && visible(c)).sort();
  return [...named.map((a) => ({ code: a.code, name: a.name })), ...unnamed.map((code) => ({ code, name: code }))];
}

export function useLeadData(scope: LeadScope): LeadData {
  const { db } = useApp();
  const { communeCode } = scope;
  const live = useLiveQuery(() => loadCommuneRecords(db, communeCode), [db, communeCode]);
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
  const hamlets = useMemo(() => hamletPlaces(areas ?? [], scope, live.value), [areas, live.value, communeCode, scope.hamletCodes]);
  const communeName = areas?.find((a) => a.code === communeCode)?.name ?? communeCode;
  const commune = useMemo(() => ({ code: communeCode, name: communeName }), [communeCode, communeName]);
  return {
    data: live.value,
    error: live.error,
    commune,
    hamlets,
    plan,
    targets: plan?.targets ?? DEFAULT_TARGETS,
  };
}

/** Today on the phone's clock, as an ISO date in local time (the quarter a lead is in). */
export function localToday(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
