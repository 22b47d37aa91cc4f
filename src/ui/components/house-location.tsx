// The house's position, taken once with the phone's GPS while standing at the house, and only
// after the household agrees: a position is personal data. It never watches the position (no
// track of anyone); unticking the agreement or "Xoá vị trí" removes it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { GeoPoint } from '../../domain/household';
import { ACCURACY_WARNING_M, geoPointFromReading, isImprecise } from '../../domain/geo';
import { formatInteger } from '../../domain/format-vi';

const T = {
  legend: 'Vị trí nhà (GPS)',
  consent: 'Hộ đồng ý lưu vị trí nhà',
  consentHint: 'Vị trí nhà là thông tin cá nhân: chỉ lấy khi chủ hộ đồng ý, đứng tại nhà, lấy một lần. Ứng dụng không theo dõi vị trí của ai.',
  take: 'Lấy vị trí nhà',
  retake: 'Lấy lại vị trí',
  taking: 'Đang lấy vị trí… (có thể mất đến 30 giây)',
  clear: 'Xoá vị trí',
  none: 'Chưa có vị trí nhà.',
  saved: (accuracy: number, at: string) => `Đã có vị trí nhà: sai số khoảng ${formatInteger(accuracy)} m (lấy lúc ${at}).`,
  imprecise: `Sai số hơn ${ACCURACY_WARNING_M} m: nên ra chỗ thoáng, đứng sát nhà, đợi một lát rồi bấm "Lấy lại vị trí".`,
  denied: 'Chưa được phép lấy vị trí. Hãy cho phép Ngõ Số dùng vị trí trong cài đặt của trình duyệt (biểu tượng bên cạnh địa chỉ trang), rồi bấm lại.',
  unavailable: 'Không xác định được vị trí. Hãy bật Vị trí (GPS) của điện thoại, ra chỗ thoáng rồi thử lại.',
  timeout: 'Lấy vị trí quá lâu. Hãy ra chỗ thoáng, gần nhà, rồi thử lại.',
  unsupported: 'Điện thoại hoặc trình duyệt này không cho lấy vị trí.',
};

/** A reading must arrive within this; outdoors a phone's GPS usually answers in seconds. */
export const GPS_TIMEOUT_MS = 30_000;

/** Only the one-shot call: by its type, this component cannot watch a position. */
export type OneShotGeolocation = Pick<Geolocation, 'getCurrentPosition'>;

type Phase = { kind: 'idle' } | { kind: 'taking' } | { kind: 'error'; message: string };

function errorMessage(error: GeolocationPositionError): string {
  if (error.code === 1) return T.denied;
  if (error.code === 3) return T.timeout;
  return T.unavailable;
}

const timeFormat = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });

export function HouseLocation(props: {
  /** null reads as no position, like undefined (a removal written as null syncs; see the map report). */
  value?: GeoPoint | null | undefined;
  onChange: (value: GeoPoint | undefined) => void;
  /** The phone's geolocation; a test hands in its own. */
  geolocation?: OneShotGeolocation | undefined;
}) {
  const value = props.value ?? undefined;
  const { onChange } = props;
  const [consent, setConsent] = useState(value !== undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  // A reading that arrives after the agreement was withdrawn, the position cleared or the form
  // closed is dropped: each request has a number, and only the latest may land.
  const request = useRef(0);
  useEffect(
    () => () => {
      request.current += 1;
    },
    [],
  );

  const take = () => {
    const geolocation = props.geolocation ?? (typeof navigator !== 'undefined' ? navigator.geolocation : undefined);
    if (!consent) return;
    if (geolocation === undefined) {
      setPhase({ kind: 'error', message: T.unsupported });
      return;
    }
    const mine = ++request.current;
    setPhase({ kind: 'taking' });
    geolocation.getCurrentPosition(
      (position) => {
        if (mine !== request.current) return;
        setPhase({ kind: 'idle' });
        onChange(geoPointFromReading(position));
      },
      (error) => {
        if (mine !== request.current) return;
        setPhase({ kind: 'error', message: errorMessage(error) });
      },
      // A fresh reading (no cached one from elsewhere), as precise as the phone can give.
      { enableHighAccuracy: true, timeout: GPS_TIMEOUT_MS, maximumAge: 0 },
    );
  };

  const clear = () => {
    request.current += 1;
    setPhase({ kind: 'idle' });
    onChange(undefined);
  };

  const toggleConsent = () => {
    if (consent) {
      // Withdrawn: the position goes with it.
      setConsent(false);
      if (value !== undefined || phase.kind === 'taking') clear();
    } else {
      setConsent(true);
    }
  };

  return (
    <fieldset class="segmented stacked house-location">
      <legend>{T.legend}</legend>
      <div class="options">
        <label class={consent ? 'selected' : ''}>
          <input type="checkbox" checked={consent} onChange={toggleConsent} />
          <span>{T.consent}</span>
        </label>
      </div>
      <p class="hint">{T.consentHint}</p>
      <p class="location-state" aria-live="polite">
        {phase.kind === 'taking' ? T.taking : value === undefined ? T.none : T.saved(value.accuracyM, timeFormat.format(new Date(value.takenAt)))}
      </p>
      {value !== undefined && isImprecise(value) ? (
        <p class="error-summary" role="alert">
          {T.imprecise}
        </p>
      ) : null}
      {phase.kind === 'error' ? (
        <p class="error-summary" role="alert">
          {phase.message}
        </p>
      ) : null}
      <button type="button" class="secondary big" disabled={!consent || phase.kind === 'taking'} onClick={take}>
        {value === undefined ? T.take : T.retake}
      </button>
      {value !== undefined ? (
        <button type="button" class="danger" onClick={clear}>
          {T.clear}
        </button>
      ) : null}
    </fieldset>
  );
}
