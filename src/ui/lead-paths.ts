// The lead's routes, by path: all the router needs to know of them (the screens load later).
export const LEAD_PATHS = {
  dashboard: 'bang-chi-tieu',
  followUp: 'tham-tiep',
  report: 'bao-cao',
  targets: 'chi-tieu',
} as const;

export type LeadPath = (typeof LEAD_PATHS)[keyof typeof LEAD_PATHS];

const PATHS: readonly string[] = Object.values(LEAD_PATHS);

export function isLeadPath(path: string | undefined): path is LeadPath {
  return path !== undefined && PATHS.includes(path);
}
