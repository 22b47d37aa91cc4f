// The quarter a lead looks at: this one by default, or one of the seven before it.
import type { Period } from '../../domain/period';

export function PeriodPicker({ label, periods, value, onChange }: { label: string; periods: readonly Period[]; value: string; onChange: (key: string) => void }) {
  return (
    <label class="picker period">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {periods.map((p) => (
          <option key={p.key} value={p.key}>
            {p.label}
          </option>
        ))}
      </select>
    </label>
  );
}
