// A province officer or an administrator on a phone: numbers only, never names. Nothing personal
// is pulled or stored for these roles; the province view shows each commune's figures from the
// server's aggregates, side by side, with the report's table and its CSV and Excel files.
import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../../domain/accounts';
import { ROLE_LABELS } from '../../domain/roles';
import { formatCoverage, formatInteger, formatTarget, formatVerdict } from '../../domain/format-vi';
import { provinceRows, type ProvinceCoverage } from '../../domain/province-coverage';
import { toCsv } from '../../domain/csv';
import { fetchProvinceCoverage } from '../../sync/account-api';
import { API } from '../session-flow';
import { downloadFile } from '../download';
import { SignOutButton } from '../components/sign-out';

const T = {
  title: 'Số liệu tổng hợp',
  who: (a: Account) => `${a.displayName} (${a.username}) — ${ROLE_LABELS[a.role]}`,
  numbersOnly:
    'Vai trò này chỉ xem số liệu tổng hợp của các xã, không xem họ tên hay thông tin cá nhân của người dân: điện thoại không tải về và không lưu dữ liệu cá nhân nào.',
  loading: 'Đang tải số liệu các xã…',
  offline: 'Không tải được số liệu: cần kết nối mạng. Hãy thử lại.',
  refused: (detail: string) => `Máy chủ không trả số liệu: ${detail}`,
  reload: 'Tải lại',
  asOf: (when: string) => `Số liệu trên máy chủ lúc ${when}, theo chỉ tiêu mặc định.`,
  households: (n: number) => `${formatInteger(n)} hộ`,
  indicator: 'Chỉ tiêu',
  target: 'Mục tiêu',
  csv: 'Tải CSV',
  xlsx: 'Tải Excel (XLSX)',
  noCommunes: 'Tỉnh chưa có xã nào trên máy chủ.',
  lock: 'Khoá ứng dụng',
};

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; report: ProvinceCoverage };

export function NumbersOnlyScreen(props: { account: Account; token: string; onLock: () => void; onSignOut: () => Promise<void> }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const fetchReport = async () => {
    setLoad({ state: 'loading' });
    const result = await fetchProvinceCoverage(API, props.token);
    if (result.ok) return setLoad({ state: 'ready', report: result.value });
    const f = result.failure;
    setLoad({ state: 'failed', message: 'detail' in f ? T.refused(f.detail) : T.offline });
  };
  useEffect(() => {
    void fetchReport();
  }, [props.token]);

  const fileName = (report: ProvinceCoverage, ext: string) => `so-lieu-${report.province.code}-${report.serverTime.slice(0, 10)}.${ext}`;
  const exportXlsx = async (report: ProvinceCoverage) => {
    const { xlsxWorkbook, XLSX_MIME } = await import('../../domain/xlsx');
    downloadFile(fileName(report, 'xlsx'), xlsxWorkbook([{ name: report.province.name, rows: provinceRows(report) }]), XLSX_MIME);
  };

  return (
    <main class="screen numbers-only">
      <h1>{T.title}</h1>
      <p>{T.who(props.account)}</p>
      <p class="notice">{T.numbersOnly}</p>
      {load.state === 'loading' ? <p>{T.loading}</p> : null}
      {load.state === 'failed' ? (
        <p class="error-summary" role="alert">
          {load.message}
        </p>
      ) : null}
      {load.state === 'ready' ? <ProvinceTable report={load.report} /> : null}
      <div class="links">
        <button type="button" class="secondary" onClick={() => void fetchReport()}>
          {T.reload}
        </button>
        {load.state === 'ready' && load.report.communes.length > 0 ? (
          <>
            <button type="button" class="secondary" onClick={() => downloadFile(fileName(load.report, 'csv'), toCsv(provinceRows(load.report)), 'text/csv;charset=utf-8')}>
              {T.csv}
            </button>
            <button type="button" class="secondary" onClick={() => void exportXlsx(load.report)}>
              {T.xlsx}
            </button>
          </>
        ) : null}
      </div>
      <button type="button" class="secondary big" onClick={props.onLock}>
        {T.lock}
      </button>
      <SignOutButton signOut={props.onSignOut} />
    </main>
  );
}

/** Indicators down, communes across: each cell n/N, percent and the verdict. */
function ProvinceTable({ report }: { report: ProvinceCoverage }) {
  const first = report.communes[0];
  if (first === undefined) return <p class="empty">{T.noCommunes}</p>;
  return (
    <section class="province">
      <h2>{report.province.name}</h2>
      <p class="row-meta">{T.asOf(new Date(report.serverTime).toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short' }))}</p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{T.indicator}</th>
              <th scope="col">{T.target}</th>
              {report.communes.map((c) => (
                <th scope="col" key={c.code}>
                  {c.name}
                  <br />
                  <span class="row-meta">{T.households(c.households)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first.indicators.map((indicator, row) => (
              <tr key={indicator.id} data-indicator={indicator.id}>
                <th scope="row">{indicator.name}</th>
                <td>{formatTarget(indicator.target)}</td>
                {report.communes.map((c) => {
                  const cell = c.indicators[row];
                  return (
                    <td key={c.code} data-commune={c.code}>
                      {cell ? `${formatCoverage(cell)} — ${formatVerdict(cell.met)}` : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
