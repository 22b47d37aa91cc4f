// The commune's plan, entered by the lead: its number and date (cited in every report) and a
// target per indicator, starting from the brief's defaults, with the national set one tap away.
// Checked by the Plan schema; each error in Vietnamese under its field.
import { useEffect, useRef, useState } from 'preact/hooks';
import '../lead.css';
import { useApp } from '../app-context';
import { leadHref } from '../lead-links';
import { LeadNav } from '../components/lead-header';
import type { LeadScope } from '../use-lead-data';
import { FieldError, TextField } from '../components/fields';
import { loadPlan, savePlan } from '../../db/plans';
import { formatPercent } from '../../domain/format-vi';
import { INDICATORS, type Indicator } from '../../domain/indicators';
import { applyTargetSet, formFromPlan, planFromForm, type PlanForm, type PlanFormErrors } from '../../domain/plan-form';
import { DEFAULT_TARGETS, NATIONAL_TARGETS, planTitle } from '../../domain/targets';

const T = {
  title: 'Chỉ tiêu của xã',
  intro: 'Nhập theo Kế hoạch chuyển đổi số của xã. Bảng chỉ tiêu và báo cáo quý so kết quả với các chỉ tiêu này và ghi số, ngày của kế hoạch.',
  loading: 'Đang mở…',
  number: 'Số kế hoạch',
  numberHint: 'Ví dụ: 12/KH-UBND',
  date: 'Ngày ban hành',
  targetsTitle: 'Chỉ tiêu (%)',
  targetsHint: 'Để trống nếu kế hoạch không đặt chỉ tiêu này.',
  useNational: 'Dùng chỉ tiêu quốc gia (QĐ 411/QĐ-TTg)',
  nationalDone: 'Đã điền chỉ tiêu quốc gia năm 2025; các chỉ tiêu quốc gia không quy định được giữ nguyên.',
  useDefaults: 'Dùng chỉ tiêu mặc định',
  defaultsDone: 'Đã điền lại chỉ tiêu mặc định.',
  population: (label: string) => `Đối tượng: ${label.toLowerCase()}.`,
  reference: (def: string, nat: string) => `Mặc định ${def} · quốc gia ${nat}`,
  none: 'không đặt',
  save: 'Lưu chỉ tiêu',
  saving: 'Đang lưu…',
  saved: (title: string) => `Đã lưu chỉ tiêu theo ${title}.`,
  saveFailed: 'Không lưu được trên máy. Hãy thử lại.',
  errors: (n: number) => `Còn ${n} chỗ cần sửa:`,
  toDashboard: 'Xem bảng chỉ tiêu',
};

const referenceText = (value: number | null | undefined) => (value === null || value === undefined ? T.none : formatPercent(value));

function PercentField(props: { indicator: Indicator; value: string; error: string | undefined; onInput: (value: string) => void }) {
  const { indicator } = props;
  const id = `target-${indicator.id}`;
  return (
    <div class={`percent-field${props.error ? ' invalid' : ''}`}>
      <label for={id}>{indicator.name}</label>
      <div class="input-row">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={props.value}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={`${id}-hint`}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
        <span aria-hidden="true">%</span>
      </div>
      <p class="hint" id={`${id}-hint`}>
        {T.population(indicator.population.label)} {T.reference(referenceText(DEFAULT_TARGETS[indicator.id]), referenceText(NATIONAL_TARGETS[indicator.id]))}
      </p>
      <FieldError message={props.error} />
    </div>
  );
}

export function TargetsScreen({ communeCode }: LeadScope) {
  const { notify, setFormInProgress } = useApp();
  const [form, setForm] = useState<PlanForm | undefined>(undefined);
  const [errors, setErrors] = useState<PlanFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    loadPlan(communeCode).then(
      (plan) => current && setForm(formFromPlan(plan ?? { number: '', date: '', targets: DEFAULT_TARGETS })),
      () => current && setForm(formFromPlan({ number: '', date: '', targets: DEFAULT_TARGETS })),
    );
    return () => {
      current = false;
    };
  }, [communeCode]);

  // An update of the app waits while the lead has unsaved targets.
  useEffect(() => {
    setFormInProgress(dirty);
    return () => setFormInProgress(false);
  }, [dirty]);

  if (form === undefined) return <main class="screen"><p>{T.loading}</p></main>;

  const edit = (next: PlanForm) => {
    setForm(next);
    setDirty(true);
  };
  const errorList = Object.entries(errors).filter((e): e is [string, string] => e[1] !== undefined);

  const submit = async (e: Event) => {
    e.preventDefault();
    const result = planFromForm(form);
    if ('errors' in result) {
      setErrors(result.errors);
      // The list of what to fix is at the top; the button is at the bottom.
      requestAnimationFrame(() => {
        summaryRef.current?.scrollIntoView({ block: 'start' });
        summaryRef.current?.focus();
      });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await savePlan(communeCode, result.plan);
      setDirty(false);
      notify(T.saved(planTitle(result.plan)));
    } catch {
      notify(T.saveFailed);
    } finally {
      setSaving(false);
    }
  };

  return (
    <main class="screen targets">
      <LeadNav current="targets" />
      <h1>{T.title}</h1>
      <p class="hint">{T.intro}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errorList.length > 0 ? (
          <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
            {T.errors(errorList.length)}
            <ul>
              {errorList.map(([key, message]) => (
                <li key={key}>
                  {key.startsWith('targets.') ? `${INDICATORS.find((i) => `targets.${i.id}` === key)?.lacking ?? key}: ` : ''}
                  {message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <TextField label={T.number} hint={T.numberHint} value={form.number} error={errors.number} onInput={(number) => edit({ ...form, number })} />
        <div class={`date-field${errors.date ? ' invalid' : ''}`}>
          <label for="plan-date">{T.date}</label>
          <input
            id="plan-date"
            type="date"
            value={form.date}
            aria-invalid={errors.date ? 'true' : undefined}
            onInput={(e) => edit({ ...form, date: e.currentTarget.value })}
          />
          <FieldError message={errors.date} />
        </div>
        <h2>{T.targetsTitle}</h2>
        <p class="hint">{T.targetsHint}</p>
        <div class="button-row">
          <button
            type="button"
            class="secondary"
            onClick={() => {
              edit({ ...form, targets: applyTargetSet(form.targets, NATIONAL_TARGETS) });
              notify(T.nationalDone);
            }}
          >
            {T.useNational}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              edit({ ...form, targets: formFromPlan({ number: '', date: '', targets: DEFAULT_TARGETS }).targets });
              notify(T.defaultsDone);
            }}
          >
            {T.useDefaults}
          </button>
        </div>
        {INDICATORS.map((indicator) => (
          <PercentField
            key={indicator.id}
            indicator={indicator}
            value={form.targets[indicator.id] ?? ''}
            error={errors[`targets.${indicator.id}`]}
            onInput={(value) => edit({ ...form, targets: { ...form.targets, [indicator.id]: value } })}
          />
        ))}
        <div class="save-bar">
          <button type="submit" class="primary big" disabled={saving}>
            {saving ? T.saving : T.save}
          </button>
        </div>
      </form>
      <p>
        <a href={leadHref.dashboard()}>{T.toDashboard}</a>
      </p>
    </main>
  );
}
