// The lead's dashboard: indicators × hamlets, each cell n/N and percent, its standing against
// the target in colour and in words, and the change since the start of the quarter; the whole
// commune first. Computed on the phone, offline: the figures of now from the tallies at once; the
// change (and an earlier quarter) needs every record and the visit log, read in a worker meanwhile.
// A cell opens who to visit next.
import { useMemo, useState } from 'preact/hooks';
import '../lead.css';
import { leadHref, replaceHash } from '../lead-links';
import { LeadNav, PlanBasis } from '../components/lead-header';
import { PeriodPicker } from '../components/period-picker';
import { localToday, useCommuneTallies, useLeadPlaces, usePeriodFigures, type LeadScope } from '../use-lead-data';
import { coverageFromTallies, talliedTotals } from '../../domain/coverage-tally';
import { dashboardRows, formatChange, shownPercent, type DashboardCell, type Standing } from '../../domain/dashboard';
import { formatInteger, formatPercent, formatRatio } from '../../domain/format-vi';
import type { Indicator } from '../../domain/indicators';
import { asOfMoment, formatDayVi, lastDayOf, periodByKey, quarterOf, recentQuarters } from '../../domain/period';

const T = {
  title: 'Bảng chỉ tiêu theo thôn',
  period: 'Kỳ',
  loading: 'Đang tính…',
  changeLoading: 'Đang tính thay đổi…',
  activityLoading: 'Đang tính số lượt hỗ trợ trong kỳ…',
  failed: 'Không đọc được dữ liệu trên máy.',
  asOfNow: (time: string, day: string) => `Số liệu đến ${time} ngày ${day}`,
  asOfEnd: (day: string) => `Số liệu đến hết ngày ${day}`,
  counted: (households: number, people: number) => `${formatInteger(households)} hộ, ${formatInteger(people)} nhân khẩu đã ghi nhận trên máy.`,
  since: (period: string, day: string) => `Dòng cuối mỗi ô: thay đổi so với đầu ${period} (${day}), số người/hộ đạt · điểm phần trăm.`,
  activity: (visits: number, people: number) => `Trong kỳ: ${formatInteger(visits)} lượt hỗ trợ, ${formatInteger(people)} người được hỗ trợ.`,
  indicator: 'Chỉ tiêu',
  commune: 'Toàn xã',
  target: (t: string) => `Mục tiêu ${t}`,
  noTarget: 'Chưa đặt mục tiêu',
  noData: 'Chưa có số liệu',
  noHamlets: 'Chưa có hộ nào được ghi nhận trong xã.',
  legend: 'Chú giải',
  openFollowUp: (hamlet: string, lacking: string) => `Xem ai ở ${hamlet} còn thiếu ${lacking}`,
  report: 'Xem báo cáo quý',
};

const STANDING: Record<Standing, string> = {
  met: 'Đạt',
  near: 'Gần đạt',
  far: 'Còn xa',
  'no-target': 'Chưa đặt mục tiêu',
  empty: 'Chưa có số liệu',
};

const LEGEND: [Standing, string][] = [
  ['met', 'Đạt: bằng hoặc vượt mục tiêu'],
  ['near', 'Gần đạt: thiếu không quá 10 điểm phần trăm'],
  ['far', 'Còn xa: thiếu hơn 10 điểm phần trăm'],
  ['no-target', 'Chưa đặt mục tiêu'],
];

/** "điện thoại thông minh" → "Điện thoại thông minh": the short name of an indicator for a narrow column. */
export function shortName(indicator: Indicator): string {
  return indicator.lacking.charAt(0).toUpperCase() + indicator.lacking.slice(1);
}

function Cell({ cell, href, label }: { cell: DashboardCell; href: string; label: string }) {
  const { coverage: c, standing, change } = cell;
  const percent = shownPercent(c);
  return (
    <td class={`cell ${standing}`}>
      <a href={href} aria-label={label}>
        <strong class="cell-percent">{percent === null ? '—' : formatPercent(percent)}</strong>
        <span class="cell-ratio">{formatRatio(c.n, c.N)}</span>
        <span class="cell-standing">{STANDING[standing]}</span>
        {c.N === 0 ? null : change === null ? (
          <span class="cell-change pending">{T.loading}</span>
        ) : (
          <span class="cell-change">{formatChange(change)}</span>
        )}
      </a>
    </td>
  );
}

const yearOf = (iso: string) => Number(iso.slice(0, 4));

export function DashboardScreen(props: LeadScope & { periodKey?: string | undefined }) {
  const { tallies, error } = useCommuneTallies(props.communeCode);
  const totals = useMemo(() => (tallies === undefined ? undefined : talliedTotals(tallies)), [tallies]);
  const { hamlets, plan, targets } = useLeadPlaces(props, totals?.hamletCodes ?? []);
  const [now] = useState(() => new Date());
  const periods = useMemo(() => recentQuarters(localToday(now)), [now]);
  const [periodKey, setPeriodKey] = useState(() => periodByKey(props.periodKey ?? '')?.key ?? quarterOf(localToday(now)).key);
  const period = periodByKey(periodKey) ?? quarterOf(localToday(now));
  const choosePeriod = (key: string) => {
    setPeriodKey(key);
    replaceHash(leadHref.dashboard(key));
  };

  // Now, from the tallies; taken again whenever they change (a sync, a save): the time shown is the time computed.
  const current = useMemo(() => {
    if (tallies === undefined || totals === undefined) return undefined;
    const at = new Date();
    const asOf = asOfMoment(period, at.toISOString());
    if (asOf !== at.toISOString()) return { at, asOf, rows: undefined, households: 0, people: 0 };
    return { at, asOf, rows: coverageFromTallies({ tallies, year: yearOf(asOf), targets }), households: totals.households, people: totals.people };
  }, [tallies, totals, period.key, targets]);

  // The start of the period (and an earlier quarter) from every record and visit, in a worker.
  const logged = usePeriodFigures(current === undefined ? undefined : { communeCode: props.communeCode, period, now: current.at.toISOString(), targets });

  const figures = useMemo(() => {
    if (current === undefined) return undefined;
    const { at, asOf } = current;
    if (current.rows !== undefined) return { at, asOf, rows: current.rows, households: current.households, people: current.people };
    if (logged === undefined) return undefined;
    return { at, asOf, rows: logged.rows, households: logged.households, people: logged.people };
  }, [current, logged]);
  const rows = useMemo(
    () => (figures ? dashboardRows(figures.rows, logged?.startRows ?? null, hamlets.map((h) => h.code)) : []),
    [figures, logged, hamlets],
  );

  const header = (
    <>
      <LeadNav current="dashboard" periodKey={periodKey} />
      <h1>{T.title}</h1>
      <div class="lead-controls">
        <PeriodPicker label={T.period} periods={periods} value={period.key} onChange={choosePeriod} />
      </div>
    </>
  );
  if (error !== undefined && tallies === undefined) return <main class="screen lead-wide">{header}<p class="error-summary">{T.failed}</p></main>;
  if (figures === undefined) return <main class="screen lead-wide">{header}<p>{T.loading}</p></main>;

  const { at } = figures;
  const asOf =
    figures.asOf === at.toISOString()
      ? T.asOfNow(at.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' }), formatDayVi(localToday(at)))
    : T.asOfEnd(formatDayVi(lastDayOf(period)));

  return (
    <main class="screen lead-wide dashboard">
      {header}
      <p class="as-of">
        <strong>{asOf}</strong> · {T.counted(figures.households, figures.people)}
      </p>
      {hamlets.length === 0 && figures.households === 0 ? <p class="empty">{T.noHamlets}</p> : null}
      <div class="grid-scroll" tabIndex={0}>
        <table class="dash-grid">
          <thead>
            <tr>
              <th scope="col" class="sticky">
                {T.indicator}
              </th>
              <th scope="col" class="commune-col">
                {T.commune}
              </th>
              {hamlets.map((h) => (
                <th scope="col" key={h.code}>
                  {h.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.indicator.id} data-indicator={row.indicator.id}>
                <th scope="row" class="sticky" title={row.indicator.name}>
                  <span class="ind-name">{shortName(row.indicator)}</span>
                  <span class="ind-target">
                    {row.commune.coverage.target === null ? T.noTarget : T.target(formatPercent(row.commune.coverage.target))}
                  </span>
                </th>
                <Cell
                  cell={row.commune}
                  href={leadHref.followUp({ indicatorId: row.indicator.id })}
                  label={T.openFollowUp(T.commune.toLowerCase(), row.indicator.lacking)}
                />
                {hamlets.map((h) => {
                  const cell = row.byHamlet[h.code];
                  return cell ? (
                    <Cell
                      key={h.code}
                      cell={cell}
                      href={leadHref.followUp({ hamletCode: h.code, indicatorId: row.indicator.id })}
                      label={T.openFollowUp(h.name, row.indicator.lacking)}
                    />
                  ) : (
                    <td key={h.code} class="cell empty">
                      {T.noData}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="legend" aria-label={T.legend}>
        {LEGEND.map(([standing, text]) => (
          <li key={standing} class={`cell ${standing}`}>
            {text}
          </li>
        ))}
      </ul>
      <PlanBasis plan={plan} />
      <p class="row-meta">
        {logged ? T.activity(logged.activity.visits, logged.activity.peopleAssisted) : T.activityLoading} {T.since(period.label, formatDayVi(period.from))}
      </p>
      <p>
        <a class="button" href={leadHref.report(period.key)}>
          {T.report}
        </a>
      </p>
    </main>
  );
}
