// The commune overview, computed on the phone from the tallies of the records on it: each
// indicator as n/N, percent, target and đạt / chưa đạt, for the commune and per hamlet.
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { hrefOf } from '../router';
import { useCommuneTallies } from '../use-lead-data';
import { childrenOf } from '../../domain/area-tree';
import type { Coverage } from '../../domain/coverage';
import { coverageFromTallies, talliedTotals } from '../../domain/coverage-tally';
import { formatCoverage, formatTarget, formatVerdict } from '../../domain/format-vi';
import { accountHamletFilter } from '../session-flow';

const T = {
  back: '← Trang chính',
  title: 'Tổng quan chỉ tiêu',
  asOf: (date: string, households: number, people: number) => `Tính trên điện thoại ngày ${date}: ${households} hộ, ${people} nhân khẩu đã ghi nhận.`,
  population: 'Đối tượng',
  target: 'Mục tiêu',
  verdict: 'Đánh giá',
  byHamlet: 'Theo thôn',
  hamlet: 'Thôn',
  result: 'Kết quả',
  loading: 'Đang tính…',
};

function verdictClass(c: Coverage): string {
  if (c.met === null) return 'verdict none';
  return c.met ? 'verdict met' : 'verdict unmet';
}

export function OverviewScreen() {
  const { db, account } = useApp();
  const communeCode = account.communeCode ?? '';
  const areas = useLiveQuery(() => db.areas.toArray(), [db]).value ?? [];
  const { tallies } = useCommuneTallies(communeCode);
  const now = new Date();

  if (tallies === undefined) return <main class="screen"><p>{T.loading}</p></main>;

  const { households, people } = talliedTotals(tallies);
  const rows = coverageFromTallies({ tallies, year: now.getFullYear() });
  const hamlets = childrenOf(areas, communeCode).filter((h) => accountHamletFilter(account)(h.code));

  return (
    <main class="screen overview">
      <a class="back" href={hrefOf({ screen: 'home' })}>
        {T.back}
      </a>
      <h1>{T.title}</h1>
      <p class="row-meta">{T.asOf(now.toLocaleDateString('vi-VN'), households, people)}</p>
      <ol class="indicators">
        {rows.map(({ indicator, commune, byHamlet }) => (
          <li key={indicator.id} class="indicator" data-indicator={indicator.id}>
            <h2>{indicator.name}</h2>
            <p class="coverage-line">
              <strong class="result">{formatCoverage(commune)}</strong>
            </p>
            <p>
              {T.target}: {formatTarget(commune.target)} · {T.verdict}: <span class={verdictClass(commune)}>{formatVerdict(commune.met)}</span>
            </p>
            <p class="row-meta">
              {T.population}: {indicator.population.label}
            </p>
            {hamlets.length > 0 ? (
              <details>
                <summary>{T.byHamlet}</summary>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{T.hamlet}</th>
                      <th scope="col">{T.result}</th>
                      <th scope="col">{T.verdict}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {hamlets.map((h) => {
                      const c = byHamlet[h.code] ?? { n: 0, N: 0, percent: null, target: commune.target, met: null };
                      return (
                        <tr key={h.code}>
                          <th scope="row">{h.name}</th>
                          <td>{formatCoverage(c)}</td>
                          <td class={verdictClass(c)}>{formatVerdict(c.met)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </main>
  );
}
