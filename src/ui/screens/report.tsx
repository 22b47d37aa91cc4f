// The quarterly report: a page that prints on A4 (or saves as PDF from the print dialog), the
// text a lead pastes into their report, the table STT | Chỉ tiêu | Mục tiêu | Kết quả | Đánh giá
// for the commune and each hamlet, and the same tables as CSV and XLSX. The XLSX writer is
// loaded only when someone exports.
import { useMemo, useRef, useState } from 'preact/hooks';
import '../lead.css';
import { useApp } from '../app-context';
import { downloadFile } from '../download';
import { leadHref, replaceHash } from '../lead-links';
import { LeadNav, PlanBasis } from '../components/lead-header';
import { PeriodPicker } from '../components/period-picker';
import { localToday, useLeadData, type LeadScope } from '../use-lead-data';
import { formatInteger } from '../../domain/format-vi';
import { formatDayVi, lastDayOf, periodByKey, quarterOf, recentQuarters } from '../../domain/period';
import { periodFigures } from '../../domain/period-figures';
import { activityLine, REPORT_COLUMNS } from '../../domain/report';
import { activityByHamlet, fileSlug, inSentence, reportCsv, reportSheets, reportTables, reportText } from '../../domain/report-tables';
import { planTitle } from '../../domain/targets';

const T = {
  period: 'Kỳ báo cáo',
  loading: 'Đang tính…',
  failed: 'Không đọc được dữ liệu trên máy.',
  heading: 'BÁO CÁO',
  subtitle: (period: string, commune: string) => `Kết quả chuyển đổi số cộng đồng ${period} trên địa bàn ${commune}`,
  asOf: (day: string, households: number, people: number) =>
    `Số liệu đến ngày ${day}, tổng hợp từ ${formatInteger(households)} hộ, ${formatInteger(people)} nhân khẩu đã ghi nhận.`,
  print: 'In / Lưu PDF',
  copy: 'Sao chép',
  copied: 'Đã sao chép đoạn báo cáo.',
  copyFailed: 'Không sao chép được: hãy chọn đoạn văn rồi sao chép bằng tay.',
  csv: 'Tải CSV',
  xlsx: 'Tải Excel (XLSX)',
  xlsxLoading: 'Đang tạo tệp Excel…',
  xlsxFailed: 'Không tạo được tệp Excel. Hãy thử tải CSV.',
  textTitle: 'I. Kết quả thực hiện các chỉ tiêu',
  textHint: 'Đoạn văn để dán vào báo cáo quý.',
  tablesTitle: 'II. Bảng kết quả theo địa bàn',
  result: (day: string) => `Kết quả thực hiện đến ngày ${day}`,
  fileName: (period: string, commune: string) => fileSlug(`bao cao ${period} ${commune}`),
};

/** Copies text with the Clipboard API, or by selecting the shown text where that is missing. */
async function copyText(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    const range = document.createRange();
    range.selectNodeContents(fallback);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return document.execCommand('copy');
  }
}

export function ReportScreen(props: LeadScope & { periodKey?: string | undefined }) {
  const { notify } = useApp();
  const { data, error, commune, hamlets, plan, targets } = useLeadData(props);
  const [now] = useState(() => new Date());
  const periods = useMemo(() => recentQuarters(localToday(now)), [now]);
  const [periodKey, setPeriodKey] = useState(() => periodByKey(props.periodKey ?? '')?.key ?? quarterOf(localToday(now)).key);
  const period = periodByKey(periodKey) ?? quarterOf(localToday(now));
  const [exporting, setExporting] = useState(false);
  const textRef = useRef<HTMLPreElement>(null);
  const choosePeriod = (key: string) => {
    setPeriodKey(key);
    replaceHash(leadHref.report(key));
  };

  const report = useMemo(() => {
    if (data === undefined) return undefined;
    const at = new Date();
    const records = { households: data.records.map((r) => r.household), people: data.records.flatMap((r) => r.people) };
    const figures = periodFigures({ records, visits: data.visits, period, now: at.toISOString(), targets });
    const asOfDay = figures.asOf === at.toISOString() ? localToday(at) : lastDayOf(period);
    const byHamlet = activityByHamlet(data.visits, figures.hamletOf, period.from, figures.asOf < period.to ? figures.asOf : period.to);
    const tables = reportTables(figures.rows, commune, hamlets, { commune: figures.activity, byHamlet });
    const text = reportText({
      communeName: commune.name,
      planTitle: plan ? planTitle(plan) : null,
      periodLabel: period.label,
      asOfDay: formatDayVi(asOfDay),
      rows: figures.rows,
      activity: figures.activity,
    });
    return { figures, asOfDay, tables, text };
  }, [data, period.key, targets, plan, commune, hamlets]);

  const fileName = T.fileName(period.label, commune.name);

  const exportXlsx = async () => {
    if (!report) return;
    setExporting(true);
    try {
      const { xlsxWorkbook, XLSX_MIME } = await import('../../domain/xlsx');
      const sheets = reportSheets(report.tables).map((s) => ({ ...s, widths: [5, 60, 12, 26, 10, 9, 9, 9] }));
      downloadFile(`${fileName}.xlsx`, xlsxWorkbook(sheets), XLSX_MIME);
    } catch {
      notify(T.xlsxFailed);
    } finally {
      setExporting(false);
    }
  };

  const controls = (
    <div class="no-print">
      <LeadNav current="report" periodKey={period.key} />
      <div class="lead-controls">
        <PeriodPicker label={T.period} periods={periods} value={period.key} onChange={choosePeriod} />
      </div>
      {report ? (
        <div class="report-actions">
          <button type="button" class="primary" onClick={() => window.print()}>
            {T.print}
          </button>
          <button type="button" onClick={() => downloadFile(`${fileName}.csv`, reportCsv(report.tables), 'text/csv;charset=utf-8')}>
            {T.csv}
          </button>
          <button type="button" disabled={exporting} onClick={() => void exportXlsx()}>
            {exporting ? T.xlsxLoading : T.xlsx}
          </button>
        </div>
      ) : null}
    </div>
  );

  if (error !== undefined && data === undefined) return <main class="screen report-screen">{controls}<p class="error-summary">{T.failed}</p></main>;
  if (report === undefined) return <main class="screen report-screen">{controls}<p>{T.loading}</p></main>;

  const resultHeader = T.result(formatDayVi(report.asOfDay));
  return (
    <main class="screen report-screen">
      {controls}
      <article class="report-doc">
        <h1>{T.heading}</h1>
        <p class="subtitle">
          <strong>{T.subtitle(period.label, inSentence(commune.name))}</strong>
        </p>
        <p>{T.asOf(formatDayVi(report.asOfDay), report.figures.records.households.length, report.figures.records.people.length)}</p>
        <PlanBasis plan={plan} />

        <h2>{T.textTitle}</h2>
        <p class="hint no-print">{T.textHint}</p>
        <pre class="report-text" ref={textRef}>
          {report.text}
        </pre>
        <p class="no-print">
          <button
            type="button"
            onClick={() => void copyText(report.text, textRef.current).then((ok) => notify(ok ? T.copied : T.copyFailed))}
          >
            {T.copy}
          </button>
        </p>

        <h2>{T.tablesTitle}</h2>
        {report.tables.map((table, t) => (
          <section key={table.hamletCode ?? ''} class="report-section" data-place={table.hamletCode ?? commune.code}>
            <h3>
              {t + 1}. {table.title}
            </h3>
            <p>{activityLine(table.activity, period.label)}</p>
            <div class="table-scroll">
              <table class="report-table">
                <thead>
                  <tr>
                    {REPORT_COLUMNS.map((col) => (
                      <th scope="col" key={col}>
                        {col === 'Kết quả' ? resultHeader : col}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map(([stt, name, target, result, verdict]) => (
                    <tr key={stt}>
                      <td>{stt}</td>
                      <td>{name}</td>
                      <td class="num">{target}</td>
                      <td class="num">{result}</td>
                      <td class="num">{verdict}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </article>
    </main>
  );
}
