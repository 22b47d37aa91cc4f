// The map's optional background on this phone: a tile URL template and its attribution. No
// server is built in: the app's CSP lets it load images from its own origin only.
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { TextField } from '../components/fields';
import { checkTileTemplate, TileSetting } from '../../domain/map-tiles';
import { saveTileSetting } from '../../db/map-tiles';

const T = {
  summary: 'Nền bản đồ (khi có mạng)',
  intro:
    'Không cần nền bản đồ: các hộ, tên thôn và thước tỉ lệ vẫn hiện khi không có mạng. Nếu xã có máy chủ ảnh nền, nhập địa chỉ mẫu ở đây; ảnh nền đã xem được giữ lại trên máy (tối đa 30 MB) để dùng khi mất mạng.',
  template: 'Địa chỉ mẫu của ảnh nền',
  templateHint: 'Ví dụ: /tiles/{z}/{x}/{y}.png, trên chính máy chủ của Ngõ Số.',
  attribution: 'Ghi nguồn bản đồ (nếu giấy phép yêu cầu)',
  save: 'Lưu nền bản đồ',
  remove: 'Bỏ nền bản đồ',
  saved: 'Đã lưu nền bản đồ.',
  removed: 'Đã bỏ nền bản đồ.',
  crossOrigin:
    'Máy chủ ảnh nền này ở ngoài Ngõ Số: trình duyệt sẽ chặn ảnh, trừ khi người quản trị máy chủ Ngõ Số thêm nó vào chính sách bảo mật (CSP, mục img-src).',
  notCached: 'Ảnh nền dạng địa chỉ này không được giữ lại để dùng khi mất mạng (chỉ giữ dạng …/{z}/{x}/{y}.png).',
  offline: 'Đang không có mạng: chỉ hiện những ảnh nền đã xem trước đây.',
};

export function TileSettingForm({ value, onSaved }: { value: TileSetting | undefined; onSaved: (setting: TileSetting | undefined) => void }) {
  const { notify } = useApp();
  const [template, setTemplate] = useState(value?.template ?? '');
  const [attribution, setAttribution] = useState(value?.attribution ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  const [attributionError, setAttributionError] = useState<string | undefined>(undefined);
  const [shownValue, setShownValue] = useState(value);
  // The saved setting arrives after the first render: fill the fields with it once.
  if (value !== shownValue) {
    setShownValue(value);
    setTemplate(value?.template ?? '');
    setAttribution(value?.attribution ?? '');
  }
  const check = template.trim() === '' ? undefined : checkTileTemplate(template, window.location.origin);

  const save = async () => {
    const checked = check ?? checkTileTemplate('', window.location.origin);
    if (!checked.ok) {
      setError(checked.error);
      return;
    }
    const parsed = TileSetting.safeParse({ template: checked.template, attribution });
    if (!parsed.success) {
      setAttributionError(parsed.error.issues[0]?.message);
      return;
    }
    const setting = parsed.data;
    await saveTileSetting(setting);
    setError(undefined);
    setAttributionError(undefined);
    onSaved(setting);
    notify(T.saved);
  };

  const remove = async () => {
    await saveTileSetting(undefined);
    setTemplate('');
    setAttribution('');
    setError(undefined);
    onSaved(undefined);
    notify(T.removed);
  };

  return (
    <details class="map-tiles">
      <summary>{T.summary}</summary>
      <p class="hint">{T.intro}</p>
      {value !== undefined && !navigator.onLine ? <p class="notice">{T.offline}</p> : null}
      <TextField
        label={T.template}
        value={template}
        onInput={(v) => {
          setTemplate(v);
          setError(undefined);
        }}
        placeholder="/tiles/{z}/{x}/{y}.png"
        hint={T.templateHint}
        error={error}
      />
      {check?.ok && check.crossOrigin ? <p class="notice">{T.crossOrigin}</p> : null}
      {check?.ok && !check.cacheable ? <p class="notice">{T.notCached}</p> : null}
      <TextField
        label={T.attribution}
        value={attribution}
        onInput={(v) => {
          setAttribution(v);
          setAttributionError(undefined);
        }}
        error={attributionError}
      />
      <button type="button" class="primary big" onClick={() => void save()}>
        {T.save}
      </button>
      {value !== undefined ? (
        <button type="button" class="secondary big" onClick={() => void remove()}>
          {T.remove}
        </button>
      ) : null}
    </details>
  );
}
