// The household form with its members. Every change is kept as a draft on the phone at once,
// so closing or killing the app loses nothing; "Lưu" writes household, people and the visit
// log in one transaction, offline.
import { Component } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useLiveQuery } from '../live-query';
import { hrefOf, navigate } from '../router';
import { childrenOf } from '../../domain/area-tree';
import { newHousehold, type Household, type ExpectedMember } from '../../domain/household';
import { backOnList, personFromList } from '../../domain/expected-members';
import { hasConsent, newPerson, type PendingPerson } from '../../domain/person';
import { checkHouseholdForm, type CheckedForm, type FieldErrors } from '../../domain/validation';
import { HOUSEHOLD_FIELD_LABELS as L, POVERTY_LABELS } from '../../domain/status-labels';
import { getHousehold, householdAuthors, listVisits, saveHousehold, withdrawConsent } from '../../db/households';
import { readSaveBasis, rehearseNewHousehold, saveNewHousehold } from '../../db/first-save';
import { discardDraft, loadDraft, saveDraft, type HouseholdDraft } from '../../db/drafts';
import { requestPersistentStorage } from '../../db/storage-status';
import { Segmented, TextField, YesNo, optionsOf } from '../components/fields';
import { PersonCard } from '../components/person-card';
import { ExpectedMembers } from '../components/expected-members';
import { VisitHistory } from '../components/visit-history';
import { HouseLocation } from '../components/house-location';
import { SyncBadge } from '../components/household-row';
import { useSync } from '../sync-context';
import { whenIdle } from '../when-idle';
import { householdSyncStatus } from '../../db/outbox-status';
import { retryRejected } from '../../db/outbox';
import { correctedNow } from '../../domain/clock';
import { accountHamletFilter } from '../session-flow';

const T = {
  backTo: (hamlet: string) => `← ${hamlet}`,
  newTitle: 'Hộ mới',
  notFound: 'Không tìm thấy hộ này trên máy.',
  loading: 'Đang tải…',
  restored: (when: string) => `Đã khôi phục biểu mẫu chưa lưu (lúc ${when}).`,
  discard: 'Bỏ các thay đổi chưa lưu',
  discardConfirm: 'Bỏ mọi thay đổi chưa lưu của hộ này?',
  householdSection: 'Thông tin hộ',
  peopleSection: 'Nhân khẩu',
  addPerson: '+ Thêm người',
  visitNotes: 'Ghi chú lượt hỗ trợ (nếu có)',
  save: 'Lưu trên máy',
  saving: 'Đang lưu…',
  saved: 'Đã lưu trên máy',
  errorsSummary: (n: number) => `Còn ${n} chỗ cần sửa trước khi lưu (đánh dấu đỏ bên dưới).`,
  consentMissing: 'Chưa ghi nhận sự đồng ý của người này: ghi nhận, hoặc bỏ người này.',
  saveFailed: 'Không lưu được trên máy. Biểu mẫu vẫn được giữ nguyên; hãy thử lại. Nếu bộ nhớ điện thoại đầy, hãy giải phóng bớt.',
  withdrawConfirm: (name: string) => `Xoá toàn bộ dữ liệu của ${name || 'người này'}? Việc này không thể hoàn tác.`,
  withdrawn: 'Đã xoá dữ liệu của người rút lại đồng ý',
  business: 'Thông tin hộ kinh doanh',
  rejectedTitle: 'Máy chủ chưa nhận thay đổi của hộ này:',
  rejectedHelp: 'Sửa lại thông tin bên dưới rồi bấm "Lưu", hoặc bấm "Gửi lại".',
  retry: 'Gửi lại',
  retried: 'Đã đưa vào hàng chờ gửi lại',
  updatedBy: (who: string) => `Cập nhật bởi ${who}`,
};

/** The performance mark and measure of a save, from the tap to the transaction committed. */
const SAVE_MARK = 'ngo-so:save';

/**
 * Resolves once the frame being prepared is painted, after the tasks already waiting for that
 * paint. Waiting for the frame after it instead (two animation frames) put the hamlet's list,
 * a slow phone's ~30 ms, in a frame the browser ran at once, ahead of whatever else waited on
 * the paint of "Đã lưu".
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => setTimeout(resolve, 0), 0)));
}

/** Whether this page has rehearsed a new household's save yet (rehearseNewHousehold): once is enough to compile it. */
let saveRehearsed = false;

/** A save still running after this long says "Đang lưu…"; a quicker one is not drawn twice for it. */
const SAVING_LABEL_MS = 150;

/** How long typing pauses before the draft is written; a hidden page writes it at once. */
const DRAFT_DELAY_MS = 300;

type FormState = Omit<HouseholdDraft, 'savedAt'>;

function timeOf(iso: string): string {
  return new Date(iso).toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short' });
}

type HouseholdScreenProps = { householdId: string; hamletCode: string | null };

/**
 * Drawn again only when the route names another household: the shell re-renders every screen
 * for a toast or a new-version banner, and this form with its cards is the costliest to draw
 * (a save's "Đã lưu" waited for it). Context changes (sync state, account) still reach it.
 */
export class HouseholdScreen extends Component<HouseholdScreenProps> {
  override shouldComponentUpdate(next: HouseholdScreenProps): boolean {
    return next.householdId !== this.props.householdId || next.hamletCode !== this.props.hamletCode;
  }

  override render(props: HouseholdScreenProps) {
    return <HouseholdForm {...props} />;
  }
}

function HouseholdForm({ householdId, hamletCode }: HouseholdScreenProps) {
  const { db, account, setFormInProgress, notify } = useApp();
  const owner = account.userId;
  const { syncNow } = useSync();
  const [form, setForm] = useState<FormState | null>(null);
  const [missing, setMissing] = useState(false);
  const [savedIds, setSavedIds] = useState<ReadonlySet<string>>(new Set());
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  /** A save under way, to take no second tap: known at once, without a render. */
  const savingNow = useRef(false);
  /** New cards started from the commune's list, with where they were on it. */
  const [fromList, setFromList] = useState<ReadonlyMap<string, { member: ExpectedMember; index: number }>>(new Map());
  const latest = useRef<{ form: FormState | null; dirty: boolean }>({ form: null, dirty: false });
  latest.current = { form, dirty };

  /**
   * Set as a save starts: the form closes once it commits, so what the save changed (the visit
   * log, the sync badge, the authors, the stamps) is not read again to draw the form once more
   * while "Đã lưu" waits to be painted (a slow phone spent ~40 ms on it). Cleared if the save
   * fails; a pull that commits during a failed save then shows once the form is opened again.
   */
  const closing = useRef(false);
  /**
   * Set once the save committed: the form is saved and closes, so no draft of it is written
   * again (a draft left behind would offer the saved values as unsaved). A ref, not state: the
   * form is not drawn again for it.
   */
  const committed = useRef(false);
  /** Whether the household was on the phone when the form opened: a new one is added without being read first. */
  const heldOnPhone = useRef(false);
  /** The form as last checked (while the phone was idle, after an edit): a tap on an unchanged form is not checked again. */
  const lastCheck = useRef<{ form: FormState; year: number; checked: CheckedForm }>();
  /** The form's consenting people and household checked (checkHouseholdForm reads only the year of `now`), or the last check of the same form. */
  const checkForm = (f: FormState, now: Date): CheckedForm => {
    const last = lastCheck.current;
    if (last?.form === f && last.year === now.getFullYear()) return last.checked;
    const checked = checkHouseholdForm(f.household, f.people.filter(hasConsent), now);
    lastCheck.current = { form: f, year: now.getFullYear(), checked };
    return checked;
  };
  const unlessClosing = <T,>(query: () => Promise<T>) => () => (closing.current ? new Promise<T>(() => {}) : query());
  const areas = useLiveQuery(() => db.areas.toArray(), [db]).value ?? [];
  const visits = useLiveQuery(unlessClosing(() => listVisits(db, householdId)), [db, householdId]).value ?? [];
  const sync = useLiveQuery(unlessClosing(() => householdSyncStatus(db, [householdId])), [db, householdId]).value?.get(householdId);
  const authors = useLiveQuery(unlessClosing(() => householdAuthors(db, householdId)), [db, householdId]).value;
  // What a new household's save stamps after: its writes then go out without waiting to read it.
  const saveBasis = useLiveQuery(unlessClosing(() => readSaveBasis(db)), [db]).value;
  const clockOffsetMs = saveBasis?.state?.clockOffsetMs ?? 0;

  const loadFromDb = async () => {
    const stored = await getHousehold(db, householdId);
    heldOnPhone.current = stored !== undefined;
    setSavedIds(new Set(stored?.people.map((p) => p.id) ?? []));
    return stored;
  };

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [stored, draft] = await Promise.all([loadFromDb(), loadDraft(owner, householdId)]);
      if (cancelled) return;
      if (draft) {
        setForm({ household: draft.household, people: draft.people, notes: draft.notes });
        setRestoredAt(draft.savedAt);
        setDirty(true);
      } else if (stored) {
        setForm({ household: stored.household, people: stored.people, notes: '' });
      } else if (hamletCode && account.communeCode) {
        const created = newHousehold({ id: householdId, communeCode: account.communeCode, hamletCode, createdAt: new Date().toISOString() });
        setForm({ household: created, people: [], notes: '' });
      } else {
        setMissing(true);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [db, householdId]);

  // The draft: written shortly after each change, and at once when the app is hidden or closed.
  useEffect(() => {
    if (!dirty || form === null) return;
    const timer = setTimeout(() => {
      if (!committed.current) void saveDraft(owner, { ...form, savedAt: new Date().toISOString() });
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form, dirty]);
  useEffect(() => {
    const flush = () => {
      const { form: f, dirty: d } = latest.current;
      if (d && f && !committed.current) void saveDraft(owner, { ...f, savedAt: new Date().toISOString() });
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    return () => {
      flush();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
    };
  }, []);
  // While the phone is idle after an edit, the form is checked as a save would check it (the
  // save's tap then takes that check: a slow phone's ~2-3 ms). Once a page, a new household's
  // save is also gone through from the form and undone, keeping nothing: the code of the save is
  // then compiled before the tap.
  useEffect(() => {
    if (form === null) return;
    return whenIdle(() => {
      const now = new Date(correctedNow(Date.now(), clockOffsetMs));
      const checked = checkForm(form, now);
      if (saveRehearsed || heldOnPhone.current || !checked.ok || checked.people.length === 0) return;
      const input = { household: checked.household, people: checked.people, visitId: crypto.randomUUID(), visitor: account.displayName, notes: form.notes, now: now.toISOString() };
      void rehearseNewHousehold(db, input, saveBasis);
      saveRehearsed = true;
    });
  }, [form, saveBasis]);
  useEffect(() => {
    setFormInProgress(dirty);
    return () => setFormInProgress(false);
  }, [dirty]);

  if (missing) return <main class="screen"><a class="back" href={hrefOf({ screen: 'home' })}>← </a><p>{T.notFound}</p></main>;
  if (form === null) return <main class="screen"><p>{T.loading}</p></main>;

  const { household, people } = form;
  const hamlets = account.communeCode ? childrenOf(areas, account.communeCode).filter((h) => accountHamletFilter(account)(h.code)) : [];
  const hamletName = areas.find((a) => a.code === household.hamletCode)?.name ?? household.hamletCode;
  const update = (next: Partial<FormState>) => {
    setForm({ ...form, ...next });
    setDirty(true);
  };
  const setHousehold = <K extends keyof Household>(field: K, value: Household[K]) => update({ household: { ...household, [field]: value } });
  const setPerson = (index: number, person: PendingPerson) => update({ people: people.map((p, i) => (i === index ? person : p)) });
  const err = (path: string) => errors[path];
  const personErrors = (index: number): Record<string, string> => {
    const prefix = `people.${index}.`;
    return Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  };

  const addPerson = () =>
    update({
      people: [
        ...people,
        newPerson({ id: crypto.randomUUID(), householdId, name: '', birthYear: Number.NaN, consent: undefined, updatedAt: new Date().toISOString() }),
      ],
    });

  // Someone on the commune's list leaves it for a new card; discarded unsaved, they go back.
  const recordFromList = (index: number) => {
    const started = personFromList(household, index, { id: crypto.randomUUID(), now: new Date().toISOString() });
    if (started === undefined) return;
    setFromList(new Map(fromList).set(started.person.id, { member: started.member, index }));
    update({ household: started.household, people: [...people, started.person] });
  };
  const discardNew = (person: PendingPerson) => {
    const listed = fromList.get(person.id);
    update({ household: listed ? backOnList(household, listed.member, listed.index) : household, people: people.filter((q) => q.id !== person.id) });
  };

  const discardChanges = async () => {
    if (!window.confirm(T.discardConfirm)) return;
    await discardDraft(owner, householdId);
    setDirty(false);
    setRestoredAt(null);
    setErrors({});
    const stored = await loadFromDb();
    if (stored) setForm({ household: stored.household, people: stored.people, notes: '' });
    else navigate({ screen: 'hamlet', hamletCode: household.hamletCode });
  };

  const withdraw = async (person: PendingPerson) => {
    if (!window.confirm(T.withdrawConfirm(person.name))) return;
    await withdrawConsent(db, { personId: person.id, visitId: crypto.randomUUID(), visitor: account.displayName, now: new Date(correctedNow(Date.now(), clockOffsetMs)).toISOString() });
    if (navigator.onLine) void syncNow();
    setSavedIds(new Set([...savedIds].filter((id) => id !== person.id)));
    update({ people: people.filter((p) => p.id !== person.id) });
    notify(T.withdrawn);
  };

  const save = async () => {
    if (savingNow.current) return;
    // The benchmark reads how long the tap takes to be committed (tests/bench/phone.ts).
    performance.mark(SAVE_MARK);
    // The phone's clock corrected by the offset measured at the last sync.
    const now = new Date(correctedNow(Date.now(), clockOffsetMs));
    const found: FieldErrors = {};
    people.forEach((p, i) => {
      if (!hasConsent(p)) found[`people.${i}.consent`] = T.consentMissing;
    });
    const consented = people.filter(hasConsent);
    // Parsed once: the records saved are the ones validated.
    const checked = consented.length === people.length ? checkForm(form, now) : undefined;
    if (checked?.ok === false) Object.assign(found, checked.errors);
    // Each render of the form costs a slow phone a frame: none before the save when nothing was wrong.
    if (Object.keys(found).length > 0 || Object.keys(errors).length > 0) setErrors(found);
    if (Object.keys(found).length > 0 || checked?.ok !== true) {
      notify(T.errorsSummary(Object.keys(found).length));
      requestAnimationFrame(() => document.querySelector('.invalid')?.scrollIntoView({ block: 'center' }));
      return;
    }
    savingNow.current = true;
    closing.current = true;
    const slow = setTimeout(() => setSaving(true), SAVING_LABEL_MS);
    try {
      const input = { household: checked.household, people: checked.people, visitId: crypto.randomUUID(), visitor: account.displayName, notes: form.notes, now: now.toISOString() };
      // A new household is added, not read first: it is saved as an edit if it is there after all.
      await (heldOnPhone.current ? saveHousehold(db, input) : saveNewHousehold(db, input, saveBasis));
      performance.measure(SAVE_MARK, SAVE_MARK);
      committed.current = true;
      notify(T.saved);
      // "Đã lưu" is painted first, alone, then the hamlet's list: drawn in the same frame, a big
      // hamlet's list held back the word that the household is safe. The form is not drawn
      // again for it: it closes.
      await afterPaint();
      navigate({ screen: 'hamlet', hamletCode: household.hamletCode });
      // After the person is told: the household is saved whether or not the draft goes at once
      // (a draft left behind only offers the saved values again).
      void discardDraft(owner, householdId).catch(() => undefined);
      void requestPersistentStorage();
      if (navigator.onLine) void syncNow();
    } catch {
      closing.current = false;
      notify(T.saveFailed);
    } finally {
      clearTimeout(slow);
      savingNow.current = false;
      setSaving(false);
    }
  };

  const names = new Map(people.map((p) => [p.id, p.name]));

  return (
    <main class="screen household">
      <a class="back" href={hrefOf({ screen: 'hamlet', hamletCode: household.hamletCode })}>
        {T.backTo(hamletName)}
      </a>
      <h1>{household.headName.trim() || T.newTitle}</h1>
      <p class="row-meta">
        <SyncBadge sync={sync} /> {authors?.household ? <span class="author">{T.updatedBy(authors.household)}</span> : null}
      </p>
      {sync?.state === 'rejected' ? (
        <div class="error-summary" role="alert">
          <p>{T.rejectedTitle}</p>
          <ul>
            {sync.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <p>{T.rejectedHelp}</p>
          <button
            type="button"
            class="secondary"
            onClick={() =>
              void retryRejected(db, householdId).then(() => {
                notify(T.retried);
                if (navigator.onLine) void syncNow();
              })
            }
          >
            {T.retry}
          </button>
        </div>
      ) : null}
      {restoredAt ? (
        <p class="notice">
          {T.restored(timeOf(restoredAt))}{' '}
          <button type="button" class="link" onClick={() => void discardChanges()}>
            {T.discard}
          </button>
        </p>
      ) : null}
      {Object.keys(errors).length > 0 ? <p class="error-summary" role="alert">{T.errorsSummary(Object.keys(errors).length)}</p> : null}
      <form
        onSubmit={(e) => e.preventDefault()}
      >
        <section>
          <h2>{T.householdSection}</h2>
          {hamlets.length > 1 ? (
            <Segmented
              legend={L.hamletCode}
              options={hamlets.map((h) => ({ value: h.code, label: h.name }))}
              value={household.hamletCode}
              onChange={(v) => setHousehold('hamletCode', v)}
              error={err('household.hamletCode')}
            />
          ) : null}
          <TextField label={L.headName} value={household.headName} onInput={(v) => setHousehold('headName', v)} error={err('household.headName')} />
          <TextField label={L.houseNumber} value={household.houseNumber} onInput={(v) => setHousehold('houseNumber', v)} error={err('household.houseNumber')} />
          <TextField label={L.street} value={household.street} onInput={(v) => setHousehold('street', v)} error={err('household.street')} />
          <TextField label={L.phone} type="tel" inputMode="tel" value={household.phone} onInput={(v) => setHousehold('phone', v)} error={err('household.phone')} />
          <HouseLocation value={household.location} onChange={(location) => setHousehold('location', location ?? null)} />
          <YesNo legend={L.fiber} value={household.fiber} onChange={(v) => setHousehold('fiber', v)} />
          <YesNo legend={L.smartDevice} value={household.smartDevice} onChange={(v) => setHousehold('smartDevice', v)} />
          <YesNo legend={L.digitalAddress} value={household.digitalAddress} onChange={(v) => setHousehold('digitalAddress', v)} />
          <Segmented legend={L.poverty} options={optionsOf(POVERTY_LABELS)} value={household.poverty} onChange={(v) => setHousehold('poverty', v)} />
          <YesNo legend={L.business} value={household.business} onChange={(v) => update({ household: { ...household, business: v, businessQrPayment: v && household.businessQrPayment, businessEcommerce: v && household.businessEcommerce } })} />
          {household.business ? (
            <>
              <YesNo legend={L.businessQrPayment} value={household.businessQrPayment} onChange={(v) => setHousehold('businessQrPayment', v)} />
              <YesNo legend={L.businessEcommerce} value={household.businessEcommerce} onChange={(v) => setHousehold('businessEcommerce', v)} />
            </>
          ) : null}
        </section>
        <section>
          <h2>{T.peopleSection} ({people.length})</h2>
          {people.map((p, i) => (
            <PersonCard
              key={p.id}
              person={p}
              teamMember={account.displayName}
              errors={personErrors(i)}
              saved={savedIds.has(p.id)}
              author={authors?.people.get(p.id)}
              initiallyOpen={!savedIds.has(p.id)}
              onChange={(next) => setPerson(i, next)}
              onDiscard={() => discardNew(p)}
              onWithdraw={() => void withdraw(p)}
            />
          ))}
          <ExpectedMembers members={household.expectedMembers ?? []} onRecord={recordFromList} />
          <button type="button" class="secondary big" onClick={addPerson}>
            {T.addPerson}
          </button>
        </section>
        <section>
          <div class="text-field">
            <label for="visit-notes">{T.visitNotes}</label>
            <textarea id="visit-notes" rows={3} value={form.notes} onInput={(e) => update({ notes: e.currentTarget.value })} />
          </div>
        </section>
        <div class="save-bar">
          {/* Not a submit button: submitting a form this big (the browser's own work over its controls before the submit event) cost a slow phone's tap 5-10 ms before the save began. */}
          <button type="button" class="primary big" disabled={saving} onClick={() => void save()}>
            {saving ? T.saving : T.save}
          </button>
        </div>
      </form>
      <VisitHistory visits={visits} names={names} nowMs={correctedNow(Date.now(), clockOffsetMs)} />
    </main>
  );
}
