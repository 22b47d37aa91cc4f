// The commune's households on a map, coloured by what they lack for one indicator, with the
// hamlets labelled; tap a point to open the household. Works offline with no tiles at all.
// This page, Leaflet and its CSS are one chunk, fetched when the map opens (../screens/map.tsx).
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { hrefOf } from '../router';
import { Segmented } from '../components/fields';
import { HouseholdList } from '../components/household-row';
import { POINT_STYLES, SWATCH_SIZE } from './point-style';
import { createMapView, type MapView } from './leaflet-map';
import { TileSettingForm } from './tile-setting-form';
import { mapHref } from './map-links';
import { replaceHash } from '../lead-links';
import { INDICATORS, isHouseholdIndicator, type Indicator } from '../../domain/indicators';
import { GAP_CLASSES, hamletLabels, mapData, type GapClass, type MapPoint } from '../../domain/map-points';
import { formatInteger } from '../../domain/format-vi';
import { isImprecise } from '../../domain/geo';
import type { TileSetting } from '../../domain/map-tiles';
import { listCommuneHouseholds, type HouseholdRecord } from '../../db/households';
import { readTileSetting } from '../../db/map-tiles';

const T = {
  back: '← Trang chính',
  title: 'Bản đồ các hộ',
  indicator: 'Tô màu theo chỉ tiêu',
  mapLabel: 'Bản đồ vị trí các hộ',
  loading: 'Đang tải…',
  noneLocated: 'Chưa hộ nào có vị trí. Vị trí nhà được lấy trong màn hình hộ, khi hộ đồng ý.',
  legend: (n: number) => `${formatInteger(n)} hộ có vị trí:`,
  legendLabel: 'Chú giải màu',
  legendItem: (label: string, n: number) => `${label}: ${formatInteger(n)} hộ`,
  gapLabel: (gapClass: GapClass, householdIndicator: boolean): string => {
    switch (gapClass) {
      case 'lacking':
        return householdIndicator ? 'Hộ chưa có' : 'Chưa ai có';
      case 'partial':
        return 'Còn người chưa có';
      case 'complete':
        return 'Đã đủ';
      case 'not_counted':
        return 'Không có ai thuộc đối tượng';
    }
  },
  noHead: 'Chưa ghi tên chủ hộ',
  noAddress: 'Chưa có số nhà',
  popupGap: (indicator: Indicator, point: MapPoint): string => {
    const { gapClass, counted, lacking } = point.gap;
    if (gapClass === 'not_counted') return `Không có ai thuộc đối tượng: ${indicator.population.label.toLowerCase()}`;
    if (gapClass === 'complete') return `Đã đủ: ${indicator.lacking}`;
    if (isHouseholdIndicator(indicator)) return `Hộ còn thiếu: ${indicator.lacking}`;
    return `${lacking}/${counted} người còn thiếu: ${indicator.lacking}`;
  },
  imprecise: (m: number) => `Vị trí sai số khoảng ${formatInteger(m)} m`,
  open: 'Mở hộ này →',
  unlocated: (n: number) => `${formatInteger(n)} hộ chưa có vị trí`,
  unlocatedHint: 'Lấy vị trí nhà trong màn hình hộ, khi hộ đồng ý.',
  hamletCount: (name: string, n: number) => `${name}: ${formatInteger(n)} hộ`,
  count: (n: number) => `${formatInteger(n)} hộ chưa có vị trí`,
};

const shortLabel = (indicator: Indicator) => indicator.lacking.charAt(0).toUpperCase() + indicator.lacking.slice(1);
const INDICATOR_OPTIONS = INDICATORS.map((i) => ({ value: i.id, label: shortLabel(i) }));

function Swatch({ gapClass }: { gapClass: GapClass }) {
  const s = POINT_STYLES[gapClass];
  const c = SWATCH_SIZE / 2;
  return (
    <svg width={SWATCH_SIZE} height={SWATCH_SIZE} viewBox={`0 0 ${SWATCH_SIZE} ${SWATCH_SIZE}`} aria-hidden="true">
      <circle cx={c} cy={c} r={s.radius} fill={s.fillColor} fill-opacity={s.fillOpacity} stroke={s.color} stroke-width={s.weight} stroke-dasharray={s.dashArray} />
    </svg>
  );
}

function Legend({ indicator, counts, total }: { indicator: Indicator; counts: Record<GapClass, number>; total: number }) {
  const householdIndicator = isHouseholdIndicator(indicator);
  // A household indicator has no partial households and counts every household.
  const shown = GAP_CLASSES.filter((g) => !householdIndicator || g === 'lacking' || g === 'complete');
  return (
    <div class="map-legend-box">
      <p class="row-meta">{T.legend(total)}</p>
      <ul class="map-legend" aria-label={T.legendLabel}>
        {shown.map((g) => (
          <li key={g} data-gap={g}>
            <Swatch gapClass={g} />
            <span>{T.legendItem(T.gapLabel(g, householdIndicator), counts[g])}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PointPopup({ point, record, hamletName, indicator }: { point: MapPoint; record: HouseholdRecord | undefined; hamletName: string; indicator: Indicator }) {
  const h = record?.household;
  const address = h ? [h.houseNumber, h.street].filter(Boolean).join(', ') : '';
  return (
    <div class="map-popup">
      <p class="popup-title">{h?.headName || T.noHead}</p>
      <p>
        {address || T.noAddress} · {hamletName}
      </p>
      <p>{T.popupGap(indicator, point)}</p>
      {isImprecise(point) ? <p class="row-meta">{T.imprecise(point.accuracyM)}</p> : null}
      <a class="popup-open" href={hrefOf({ screen: 'household', householdId: point.householdId, hamletCode: point.hamletCode })}>
        {T.open}
      </a>
    </div>
  );
}

/** Households with no position, by hamlet; a hamlet's list is drawn only when opened. */
function Unlocated({ records, names }: { records: readonly HouseholdRecord[]; names: ReadonlyMap<string, string> }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const byHamlet = new Map<string, HouseholdRecord[]>();
  for (const r of records) {
    const list = byHamlet.get(r.household.hamletCode);
    if (list === undefined) byHamlet.set(r.household.hamletCode, [r]);
    else list.push(r);
  }
  const hamlets = [...byHamlet.keys()].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'vi', { numeric: true }));
  return (
    <section class="unlocated">
      <h2>{T.unlocated(records.length)}</h2>
      {records.length > 0 ? <p class="hint">{T.unlocatedHint}</p> : null}
      {hamlets.map((code) => {
        const list = byHamlet.get(code) ?? [];
        return (
          <details
            key={code}
            data-hamlet={code}
            onToggle={(e) => {
              const isOpen = e.currentTarget.open;
              setOpen((s) => {
                const next = new Set(s);
                if (isOpen) next.add(code);
                else next.delete(code);
                return next;
              });
            }}
          >
            <summary>{T.hamletCount(names.get(code) ?? code, list.length)}</summary>
            {open.has(code) ? <HouseholdList records={list} countLabel={T.count(list.length)} /> : null}
          </details>
        );
      })}
    </section>
  );
}

export type MapPageProps = {
  communeCode: string;
  /** From the address (?chi-tieu=…); the first indicator when absent or unknown. */
  indicatorId?: string | undefined;
};

export function MapPage(props: MapPageProps) {
  const { communeCode } = props;
  const { db } = useApp();
  const [indicatorId, setIndicatorId] = useState(props.indicatorId ?? INDICATORS[0]?.id ?? '');
  const chooseIndicator = (id: string) => {
    setIndicatorId(id);
    // Kept in the address, so that Back from a household returns to the same colouring.
    replaceHash(mapHref(id));
  };
  const [tileSetting, setTileSetting] = useState<TileSetting | undefined>(undefined);
  const [view, setView] = useState<MapView | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const areas = useLiveQuery(() => db.areas.toArray(), [db]).value;
  const records = useLiveQuery(() => listCommuneHouseholds(db, communeCode), [db, communeCode]).value;

  useEffect(() => {
    let live = true;
    void readTileSetting().then((s) => live && setTileSetting(s));
    return () => {
      live = false;
    };
  }, []);

  const indicator = INDICATORS.find((i) => i.id === indicatorId) ?? INDICATORS[0];
  const year = new Date().getFullYear();
  const names = useMemo(() => new Map((areas ?? []).map((a) => [a.code, a.name])), [areas]);
  const data = useMemo(() => (records && indicator ? mapData(records, indicator, year) : undefined), [records, indicator, year]);
  const labels = useMemo(() => (data ? hamletLabels(data.points, names) : []), [data, names]);
  const byId = useMemo(() => new Map((records ?? []).map((r) => [r.household.id, r])), [records]);
  const hasPoints = (data?.points.length ?? 0) > 0;

  // The popup reads the latest records and indicator through a ref: the map is made once.
  const popupInput = useRef({ byId, names, indicator });
  popupInput.current = { byId, names, indicator };

  useEffect(() => {
    const el = container.current;
    if (el === null || !hasPoints) return;
    const created = createMapView(el, {
      label: T.mapLabel,
      popup: (point) => {
        const { byId: records, names: hamletNames, indicator: current } = popupInput.current;
        const div = document.createElement('div');
        if (current !== undefined) {
          render(
            <PointPopup point={point} record={records.get(point.householdId)} hamletName={hamletNames.get(point.hamletCode) ?? point.hamletCode} indicator={current} />,
            div,
          );
        }
        return div;
      },
    });
    setView(created);
    return () => {
      created.destroy();
      setView(null);
    };
  }, [hasPoints]);

  useEffect(() => {
    if (view && data) view.show(data.points, labels);
  }, [view, data, labels]);

  useEffect(() => {
    view?.setTiles(tileSetting);
  }, [view, tileSetting]);

  if (records === undefined || data === undefined || indicator === undefined) return <main class="screen"><p>{T.loading}</p></main>;

  return (
    <main class="screen map-screen">
      <a class="back" href={hrefOf({ screen: 'home' })}>
        {T.back}
      </a>
      <h1>{T.title}</h1>
      <Segmented legend={T.indicator} options={INDICATOR_OPTIONS} value={indicator.id} onChange={chooseIndicator} name="map-indicator" />
      <p class="row-meta">{indicator.name}</p>
      {hasPoints ? (
        <>
          <Legend indicator={indicator} counts={data.counts} total={data.points.length} />
          <div ref={container} class="map-view" role="region" aria-label={T.mapLabel} />
        </>
      ) : (
        <p class="notice">{T.noneLocated}</p>
      )}
      <Unlocated records={data.unlocated} names={names} />
      <TileSettingForm value={tileSetting} onSaved={setTileSetting} />
    </main>
  );
}
