// Links between the lead's screens, and what their query names; each screen takes it as props.
//   #/bang-chi-tieu?ky=2026-Q3              DashboardScreen  { periodKey }
//   #/tham-tiep?thon=<code>&chi-tieu=<id>    FollowUpScreen   { hamletCode, indicatorId }
//   #/bao-cao?ky=2026-Q3                     ReportScreen     { periodKey }
//   #/chi-tieu                               TargetsScreen
// The router knows only the paths (lead-paths.ts) and hands the rest to LeadScreen (screens/lead.tsx).
import { LEAD_PATHS } from './lead-paths';

export type LeadQuery = { periodKey?: string; hamletCode?: string; indicatorId?: string };

function href(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const qs = query.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

export const leadHref = {
  dashboard: (periodKey?: string) => href(LEAD_PATHS.dashboard, { ky: periodKey }),
  followUp: (q: { hamletCode?: string | undefined; indicatorId?: string | undefined } = {}) =>
    href(LEAD_PATHS.followUp, { thon: q.hamletCode, 'chi-tieu': q.indicatorId }),
  report: (periodKey?: string) => href(LEAD_PATHS.report, { ky: periodKey }),
  targets: () => href(LEAD_PATHS.targets, {}),
};

/** What a lead route's query names: `ky`, `thon`, `chi-tieu`. */
export function parseLeadQuery(query: URLSearchParams): LeadQuery {
  const out: LeadQuery = {};
  const ky = query.get('ky');
  const thon = query.get('thon');
  const chiTieu = query.get('chi-tieu');
  if (ky) out.periodKey = ky;
  if (thon) out.hamletCode = thon;
  if (chiTieu) out.indicatorId = chiTieu;
  return out;
}

/** Keeps a screen's choices in the address, so that Back from a household returns to them. */
export function replaceHash(hash: string): void {
  if (window.location.hash !== hash) window.history.replaceState(window.history.state, '', hash);
}
