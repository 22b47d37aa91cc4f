// Form controls for one hand on a small screen: every input has a visible label, choices are
// big segmented buttons (radio inputs underneath), and an error sits right under its field.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

let lastId = 0;
/**
 * An id unique in the page for this component's lifetime. Preact's useId repeats itself across
 * sibling cards rendered at different times, which joined the radio groups of two people into
 * one and tied one person's label to another's input.
 */
function useUniqueId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++lastId}`);
  return id;
}

export function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-error" role="alert">
      {message}
    </p>
  );
}

type Option<T extends string> = { value: T; label: string };

export function Segmented<T extends string>(props: {
  legend: string;
  options: readonly Option<T>[];
  value: T;
  onChange: (value: T) => void;
  error?: string | undefined;
  /** One option per line, for long labels such as the VNeID path. */
  stacked?: boolean;
  name?: string;
}) {
  const generatedName = useUniqueId('choice');
  const name = props.name ?? generatedName;
  return (
    <fieldset class={`segmented${props.stacked ? ' stacked' : ''}${props.error ? ' invalid' : ''}`}>
      <legend>{props.legend}</legend>
      <div class="options">
        {props.options.map((o) => (
          <label key={o.value} class={o.value === props.value ? 'selected' : ''}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === props.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError message={props.error} />
    </fieldset>
  );
}

export function YesNo(props: { legend: string; value: boolean; onChange: (value: boolean) => void; error?: string | undefined }) {
  return (
    <Segmented
      legend={props.legend}
      options={[
        { value: 'yes', label: 'Có' },
        { value: 'no', label: 'Chưa' },
      ]}
      value={props.value ? 'yes' : 'no'}
      onChange={(v) => props.onChange(v === 'yes')}
      error={props.error}
    />
  );
}

export function MultiChoice<T extends string>(props: {
  legend: string;
  options: readonly Option<T>[];
  values: readonly T[];
  onChange: (values: T[]) => void;
}) {
  return (
    <fieldset class="segmented stacked">
      <legend>{props.legend}</legend>
      <div class="options">
        {props.options.map((o) => {
          const checked = props.values.includes(o.value);
          return (
            <label key={o.value} class={checked ? 'selected' : ''}>
              <input
                type="checkbox"
                checked={checked}
                onChange={() =>
                  props.onChange(checked ? props.values.filter((v) => v !== o.value) : [...props.values, o.value])
                }
              />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  type?: 'text' | 'tel' | 'search' | 'password';
  inputMode?: 'numeric' | 'tel' | 'text' | 'search';
  autoComplete?: string;
  placeholder?: string;
  hint?: ComponentChildren;
  maxLength?: number;
  autoCapitalize?: 'off' | 'none' | 'sentences';
}) {
  const id = useUniqueId('field');
  return (
    <div class={`text-field${props.error ? ' invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        autoCapitalize={props.autoCapitalize}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      <FieldError message={props.error} />
    </div>
  );
}

/** Turns a label map into segmented options, in the map's order. */
export function optionsOf<T extends string>(labels: Record<T, string>): Option<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}
