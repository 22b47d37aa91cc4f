// The lead's screens behind one route, to be loaded as one chunk when a lead first opens one:
// the router passes the path and the query, this picks the screen.
import type { LeadPath } from '../lead-paths';
import { LEAD_PATHS } from '../lead-paths';
import { parseLeadQuery } from '../lead-links';
import type { LeadScope } from '../use-lead-data';
import { DashboardScreen } from './dashboard';
import { FollowUpScreen } from './follow-up';
import { ReportScreen } from './report';
import { TargetsScreen } from './targets';

export type LeadScreenProps = LeadScope & { path: LeadPath; query: string };

export function LeadScreen({ path, query, ...scope }: LeadScreenProps) {
  const q = parseLeadQuery(new URLSearchParams(query));
  switch (path) {
    case LEAD_PATHS.dashboard:
      return <DashboardScreen key={q.periodKey} {...scope} periodKey={q.periodKey} />;
    case LEAD_PATHS.followUp:
      return <FollowUpScreen {...scope} hamletCode={q.hamletCode} indicatorId={q.indicatorId} />;
    case LEAD_PATHS.report:
      return <ReportScreen key={q.periodKey} {...scope} periodKey={q.periodKey} />;
    case LEAD_PATHS.targets:
      return <TargetsScreen {...scope} />;
  }
}
