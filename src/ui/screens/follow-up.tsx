// "Ai cần thăm tiếp": choose a hamlet and an indicator, see the households with people still
// lacking it and their names, nearest first once the lead asks the phone where it is (only if
// some household has a stored position); otherwise by house number. One tap opens the household.
// The phone's position is used for the sort and kept nowhere. Only the keys of the households
// lacking it are read, then the places and people of those on screen (lead-records.ts); the counts
// come from the tallies.
import { useEffect, useMemo, useState } from 'preact/hooks';
import '../lead.css';
import { hrefOf } from '../router';
import { leadHref, replaceHash } from '../lead-links';
import { LeadNav } from '../components/lead-header';
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { localToday, useCommuneTallies, useLeadPlaces, type LeadScope } from '../use-lead-data';
import { loadFollowUpPage, loadHouseholdRecords } from '../../db/lead-records';
import { coverageFromTallies, talliedTotals } from '../../domain/coverage-tally';
import { followUpList, formatDistance, type FollowUpItem, type LatLng } from '../../domain/follow-up';
import { formatInteger } from '../../domain/format-vi';
import { INDICATORS, isHouseholdIndicator } from '../../domain/indicators';

const T = {
  title: 'Ai cần thăm tiếp',
  hamlet: 'Thôn / tổ dân phố',
  allHamlets: 'Tất cả các thôn',
  indicator: 'Còn thiếu',
  loading: 'Đang tìm…',
  failed: 'Không đọc được dữ liệu trên máy.',
  summaryPeople: (households: number, people: number, lacking: string, population: string) =>
    `${formatInteger(households)} hộ có ${formatInteger(people)} người còn thiếu ${lacking} (đối tượng: ${population.toLowerCase()}).`,
  summaryHouseholds: (households: number, lacking: string) => `${formatInteger(households)} hộ chưa có ${lacking}.`,
  none: (lacking: string) => `Không còn ai thiếu ${lacking} trong các hộ đã ghi nhận.`,
  locate: 'Sắp xếp theo vị trí của tôi',
  locating: 'Đang lấy vị trí…',
  sortedNear: (accuracy: number) => `Hộ gần bạn nhất ở trên (vị trí sai số khoảng ${formatInteger(Math.round(accuracy))} m). Hộ chưa có vị trí xếp sau, theo số nhà.`,
  byNumber: 'Bỏ sắp xếp theo vị trí',
  privacy: 'Vị trí của bạn chỉ dùng để sắp xếp trên máy này, không được lưu hay gửi đi.',
  noLocations: 'Các hộ này chưa có vị trí nên xếp theo số nhà.',
  geoDenied: 'Điện thoại chưa cho phép lấy vị trí. Bật quyền vị trí cho trình duyệt rồi thử lại.',
  geoUnavailable: 'Không lấy được vị trí lúc này (ở trong nhà hoặc tín hiệu yếu). Thử lại ngoài trời.',
  geoUnsupported: 'Trình duyệt này không lấy được vị trí.',
  noHouseNumber: 'Chưa có số nhà',
  away: (d: string) => `cách ${d}`,
  noPosition: 'chưa có vị trí',
  lackingPeople: 'Người còn thiếu:',
  household: (lacking: string) => `Hộ chưa có ${lacking}`,
  more: (n: number) => `Xem thêm ${formatInteger(n)} hộ`,
};

const PAGE = 100;
/** Rows read and drawn first, more than a phone's screen holds: the rest of the page follows a frame later. */
const FIRST_ROWS = 20;

type Geo = { state: 'off' } | { state: 'locating' } | { state: 'on'; here: LatLng; accuracyM: number } | { state: 'error'; message: string };

function askPosition(onDone: (geo: Geo) => void): void {
  if (!('geolocation' in navigator)) {
    onDone({ state: 'error', message: T.geoUnsupported });
    return;
  }
  navigator.geolocation.getCurrentPosition(
    (p) => onDone({ state: 'on', here: { lat: p.coords.latitude, lng: p.coords.longitude }, accuracyM: p.coords.accuracy }),
    (e) => onDone({ state: 'error', message: e.code === e.PERMISSION_DENIED ? T.geoDenied : T.geoUnavailable }),
    { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
  );
}

function FollowUpRow({ item, lacking, byDistance }: { item: FollowUpItem; lacking: string; byDistance: boolean }) {
  const { household } = item;
  const address = [household.houseNumber, household.street].filter(Boolean).join(', ') || T.noHouseNumber;
  return (
    <a class="row" href={hrefOf({ screen: 'household', householdId: household.id, hamletCode: household.hamletCode })}>
      <span class="row-title">{household.headName}</span>
      <span class="row-meta">
        {address}
        {item.distanceM !== null ? (
          <>
            {' · '}
            <span class="distance">{T.away(formatDistance(item.distanceM))}</span>
          </>
        ) : byDistance ? (
          ` · ${T.noPosition}`
        ) : null}
      </span>
      {item.lacking.length > 0 ? (
        <span class="badge lacking lacking-people">
          {T.lackingPeople} {item.lacking.map((p) => `${p.name} (${p.birthYear})`).join(', ')}
        </span>
      ) : (
        <span class="badge lacking lacking-people">{T.household(lacking)}</span>
      )}
    </a>
  );
}

export function FollowUpScreen(props: LeadScope & { hamletCode?: string | undefined; indicatorId?: string | undefined }) {
  const { db } = useApp();
  const { communeCode } = props;
  const { tallies, error } = useCommuneTallies(communeCode);
  const totals = useMemo(() => (tallies === undefined ? undefined : talliedTotals(tallies)), [tallies]);
  const { hamlets } = useLeadPlaces(props, totals?.hamletCodes ?? []);
  const [hamletCode, setHamletCode] = useState(props.hamletCode ?? '');
  const [indicatorId, setIndicatorId] = useState(() => INDICATORS.find((i) => i.id === props.indicatorId)?.id ?? INDICATORS[0]?.id ?? '');
  const [geo, setGeo] = useState<Geo>({ state: 'off' });
  const [shown, setShown] = useState(PAGE);
  const indicator = INDICATORS.find((i) => i.id === indicatorId) ?? INDICATORS[0];
  const year = Number(localToday(new Date()).slice(0, 4));

  const choose = (next: { hamletCode: string; indicatorId: string }) => {
    setHamletCode(next.hamletCode);
    setIndicatorId(next.indicatorId);
    setShown(PAGE);
    replaceHash(leadHref.followUp({ hamletCode: next.hamletCode || undefined, indicatorId: next.indicatorId }));
  };

  const chosen = useMemo(() => (hamletCode === '' ? hamlets.map((h) => h.code) : [hamletCode]), [hamletCode, hamlets]);
  const here = geo.state === 'on' ? geo.here : undefined;
  // Read once the tallies are in step: their rebuild also files every household under its keys.
  const found = useLiveQuery(
    () =>
      tallies === undefined || indicator === undefined
        ? Promise.resolve(undefined)
        : loadFollowUpPage(db, { communeCode, hamletCodes: chosen, indicator, year, count: shown, here }),
    [db, communeCode, chosen.join('\n'), indicator?.id, year, tallies === undefined, shown, here],
  ).value;
  const onScreen = useMemo(() => (found?.places ?? []).map((p) => p.id), [found]);
  // The people of the households on screen only; "Xem thêm" reads the next page's. A new list
  // draws its first rows before reading the rest: a hundred rows cost a slow phone a second frame.
  const [drawn, setDrawn] = useState<{ list: string; rows: number }>({ list: '', rows: 0 });
  const list = onScreen.join('\n');
  const rows = drawn.list === list ? drawn.rows : Math.min(onScreen.length, Math.max(FIRST_ROWS, drawn.rows));
  const page = useLiveQuery(() => loadHouseholdRecords(db, onScreen.slice(0, rows)), [db, list, rows]).value;
  useEffect(() => {
    if (page === undefined || rows >= onScreen.length) return undefined;
    const frame = requestAnimationFrame(() => setDrawn({ list, rows: onScreen.length }));
    return () => cancelAnimationFrame(frame);
  }, [page, list, rows, onScreen.length]);
  const items = useMemo(() => (page && indicator ? followUpList(page, indicator, year, here) : undefined), [page, indicator, year, here]);
  /** People lacking it in the chosen hamlets: N − n of the indicator's coverage. */
  const lackingPeople = useMemo(() => {
    if (tallies === undefined || indicator === undefined) return 0;
    const row = coverageFromTallies({ tallies, year, indicators: [indicator] })[0];
    return chosen.reduce((sum, code) => sum + (row?.byHamlet[code]?.N ?? 0) - (row?.byHamlet[code]?.n ?? 0), 0);
  }, [tallies, indicator, year, chosen]);

  const controls = (
    <div class="lead-controls">
      <label class="picker">
        <span>{T.hamlet}</span>
        <select value={hamletCode} onChange={(e) => choose({ hamletCode: e.currentTarget.value, indicatorId })}>
          <option value="">{T.allHamlets}</option>
          {hamlets.map((h) => (
            <option key={h.code} value={h.code}>
              {h.name}
            </option>
          ))}
        </select>
      </label>
      <label class="picker">
        <span>{T.indicator}</span>
        <select value={indicatorId} onChange={(e) => choose({ hamletCode, indicatorId: e.currentTarget.value })}>
          {INDICATORS.map((i) => (
            <option key={i.id} value={i.id}>
              {i.lacking}
            </option>
          ))}
        </select>
      </label>
    </div>
  );

  let body;
  if (error !== undefined && tallies === undefined) body = <p class="error-summary">{T.failed}</p>;
  else if (found === undefined || items === undefined || indicator === undefined) body = <p>{T.loading}</p>;
  else {
    const households = found.total;
    const { located } = found;
    body = (
      <>
        <p class="notice" role="status">
          {households === 0
            ? T.none(indicator.lacking)
            : isHouseholdIndicator(indicator)
              ? T.summaryHouseholds(households, indicator.lacking)
              : T.summaryPeople(households, lackingPeople, indicator.lacking, indicator.population.label)}
        </p>
        {households > 0 && located ? (
          <div class="locate">
            {geo.state === 'on' ? (
              <>
                <span>{T.sortedNear(geo.accuracyM)}</span>
                <button type="button" class="secondary" onClick={() => setGeo({ state: 'off' })}>
                  {T.byNumber}
                </button>
              </>
            ) : (
              <button
                type="button"
                class="primary"
                disabled={geo.state === 'locating'}
                onClick={() => {
                  setGeo({ state: 'locating' });
                  askPosition(setGeo);
                }}
              >
                {geo.state === 'locating' ? T.locating : T.locate}
              </button>
            )}
            <span class="hint">{T.privacy}</span>
            {geo.state === 'error' ? <p class="field-error">{geo.message}</p> : null}
          </div>
        ) : households > 0 ? (
          <p class="hint">{T.noLocations}</p>
        ) : null}
        <ul class="rows">
          {items.map((item) => (
            <li key={item.household.id}>
              <FollowUpRow item={item} lacking={indicator.lacking} byDistance={here !== undefined} />
            </li>
          ))}
        </ul>
        {households > shown ? (
          <button type="button" class="big secondary" onClick={() => setShown((n) => n + PAGE)}>
            {T.more(Math.min(PAGE, households - shown))}
          </button>
        ) : null}
      </>
    );
  }

  return (
    <main class="screen follow-up">
      <LeadNav current="followUp" />
      <h1>{T.title}</h1>
      {controls}
      {body}
    </main>
  );
}
