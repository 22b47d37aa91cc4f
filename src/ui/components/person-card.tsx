// One member of the household on the form. Consent comes first: until it is recorded the card
// shows only the consent text. A saved person is never deleted except by withdrawing consent.
import { useState } from 'preact/hooks';
import { CONSENT_TEXT, CONSENT_TEXT_VERSION, type ConsentGiver } from '../../domain/consent';
import type { PendingPerson } from '../../domain/person';
import {
  CONSENT_GIVER_LABELS,
  PAYMENT_LABELS,
  PERSON_FIELD_LABELS as L,
  PHONE_LABELS,
  RESIDENCE_LABELS,
  SKILL_LABELS,
  VNEID_LABELS,
} from '../../domain/status-labels';
import { FieldError, MultiChoice, Segmented, TextField, YesNo, optionsOf } from './fields';

const T = {
  newPerson: 'Người mới',
  consentTitle: 'Xin sự đồng ý trước khi ghi thông tin',
  consentRead: 'Đọc cho người dân nghe:',
  consentGiver: 'Ai đồng ý?',
  consentGive: 'Người dân đã đồng ý — ghi nhận',
  discardNew: 'Bỏ người này (chưa lưu)',
  consentInfo: (who: string, when: string, by: string, version: string) => `Đồng ý: ${who}, ${when}, ghi nhận bởi ${by} (văn bản ${version})`,
  withdraw: 'Rút lại đồng ý và xoá dữ liệu người này',
  birthYearHint: 'Chỉ ghi năm sinh, không ghi ngày tháng.',
  notLiving: 'Không tính vào chỉ tiêu',
  born: (y: number | string) => `sinh ${y}`,
  updatedBy: (who: string) => `Cập nhật bởi ${who}`,
};

// Made once: toLocaleString with options builds a formatter at every call, and every card calls
// it at every keystroke in the form.
const dateTime = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'short', timeStyle: 'short' });

function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function PersonCard(props: {
  person: PendingPerson;
  teamMember: string;
  errors: Record<string, string>;
  saved: boolean;
  /** Who last changed this person on the server: "cập nhật bởi …". */
  author?: string | undefined;
  initiallyOpen: boolean;
  onChange: (person: PendingPerson) => void;
  onDiscard: () => void;
  onWithdraw: () => void;
}) {
  const { person, errors } = props;
  const [giver, setGiver] = useState<ConsentGiver>('self');
  const set = <K extends keyof PendingPerson>(field: K, value: PendingPerson[K]) => props.onChange({ ...person, [field]: value });
  const hasErrors = Object.keys(errors).length > 0;
  const title = person.name.trim() || T.newPerson;

  return (
    <details class={`person-card${hasErrors ? ' invalid' : ''}`} open={props.initiallyOpen || hasErrors}>
      <summary>
        <span class="row-title">{title}</span>
        <span class="row-meta">
          {person.birthYear ? T.born(person.birthYear) : ''} · {RESIDENCE_LABELS[person.residence]}
          {person.residence !== 'here' ? ` · ${T.notLiving}` : ''}
        </span>
        {props.author ? <span class="author">{T.updatedBy(props.author)}</span> : null}
      </summary>
      {person.consent === undefined ? (
        <div class="consent">
          <h3>{T.consentTitle}</h3>
          <p class="hint">{T.consentRead}</p>
          <blockquote>{CONSENT_TEXT}</blockquote>
          <Segmented legend={T.consentGiver} options={optionsOf(CONSENT_GIVER_LABELS)} value={giver} onChange={setGiver} stacked />
          <FieldError message={errors.consent} />
          <button
            type="button"
            class="primary big"
            onClick={() =>
              set('consent', {
                givenBy: giver,
                givenAt: new Date().toISOString(),
                recordedBy: props.teamMember,
                textVersion: CONSENT_TEXT_VERSION,
              })
            }
          >
            {T.consentGive}
          </button>
          <button type="button" class="secondary" onClick={props.onDiscard}>
            {T.discardNew}
          </button>
        </div>
      ) : (
        <div class="person-fields">
          <p class="hint">
            {T.consentInfo(
              CONSENT_GIVER_LABELS[person.consent.givenBy],
              formatDateTime(person.consent.givenAt),
              person.consent.recordedBy,
              person.consent.textVersion,
            )}
          </p>
          <TextField label={L.name} value={person.name} onInput={(v) => set('name', v)} error={errors.name} autoComplete="off" />
          <TextField
            label={L.birthYear}
            inputMode="numeric"
            value={Number.isFinite(person.birthYear) ? String(person.birthYear) : ''}
            onInput={(v) => set('birthYear', v.trim() === '' ? Number.NaN : Number(v.trim()))}
            error={errors.birthYear}
            hint={T.birthYearHint}
          />
          <Segmented legend={L.residence} options={optionsOf(RESIDENCE_LABELS)} value={person.residence} onChange={(v) => set('residence', v)} />
          <Segmented legend={L.phone} options={optionsOf(PHONE_LABELS)} value={person.phone} onChange={(v) => set('phone', v)} />
          <Segmented legend={L.vneid} options={optionsOf(VNEID_LABELS)} value={person.vneid} onChange={(v) => set('vneid', v)} error={errors.vneid} stacked />
          <YesNo legend={L.vneidNeedsHelp} value={person.vneidNeedsHelp} onChange={(v) => set('vneidNeedsHelp', v)} />
          <Segmented legend={L.payment} options={optionsOf(PAYMENT_LABELS)} value={person.payment} onChange={(v) => set('payment', v)} />
          <YesNo legend={L.publicServiceAccount} value={person.publicServiceAccount} onChange={(v) => set('publicServiceAccount', v)} />
          <YesNo legend={L.publicServiceUsed} value={person.publicServiceUsed} onChange={(v) => set('publicServiceUsed', v)} error={errors.publicServiceUsed} />
          <YesNo legend={L.digitalSignature} value={person.digitalSignature} onChange={(v) => set('digitalSignature', v)} />
          <YesNo legend={L.eHealthRecord} value={person.eHealthRecord} onChange={(v) => set('eHealthRecord', v)} error={errors.eHealthRecord} />
          <MultiChoice legend={L.skills} options={optionsOf(SKILL_LABELS)} values={person.skills} onChange={(v) => set('skills', v)} />
          <YesNo legend={L.cyberProtection} value={person.cyberProtection} onChange={(v) => set('cyberProtection', v)} />
          <YesNo legend={L.vssid} value={person.vssid} onChange={(v) => set('vssid', v)} />
          {props.saved ? (
            <button type="button" class="danger" onClick={props.onWithdraw}>
              {T.withdraw}
            </button>
          ) : (
            <button type="button" class="secondary" onClick={props.onDiscard}>
              {T.discardNew}
            </button>
          )}
        </div>
      )}
    </details>
  );
}
