// People the commune's list names in this household who are not recorded yet. Each button
// starts a member card with their name and birth year, consent first as for anyone new.
import type { ExpectedMember } from '../../domain/household';

const T = {
  title: (n: number) => `Theo danh sách của xã, chưa ghi nhận (${n})`,
  hint: 'Khi đến hộ, bấm "Ghi nhận" cho từng người có mặt: xin sự đồng ý trước, rồi ghi thông tin.',
  born: (year: number) => `sinh ${year}`,
  record: 'Ghi nhận',
  recordName: (name: string) => `Ghi nhận ${name}`,
};

export function ExpectedMembers({ members, onRecord }: { members: readonly ExpectedMember[]; onRecord: (index: number) => void }) {
  if (members.length === 0) return null;
  return (
    <div class="expected-members">
      <h3>{T.title(members.length)}</h3>
      <p class="hint">{T.hint}</p>
      <ul class="rows">
        {members.map((m, i) => (
          <li key={`${i}-${m.name}-${m.birthYear}`} class="expected-member">
            <span>
              <span class="row-title">{m.name}</span> <span class="row-meta">{T.born(m.birthYear)}</span>
            </span>
            <button type="button" class="secondary" aria-label={T.recordName(m.name)} onClick={() => onRecord(i)}>
              {T.record}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
