// Form fields with their label, hint and error (the API's InputError issues, shown next to the field
// they concern and listed above the form): text, select, date, number, euro amount.
import { createSignal, For, onMount, Show, splitProps, type JSX, type ParentProps } from 'solid-js';
import { fieldIssues, type FieldIssue } from '../issues.ts';
import { t } from '../i18n/index.ts';

interface FieldBase {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

/** Label, hint and error of one input, tied to it with aria-describedby. */
function FieldFrame(props: ParentProps<FieldBase>) {
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <label for={props.id}>
        {props.label}
        <Show when={props.required}>
          <span class="required" aria-hidden="true">
            {' '}*
          </span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={`${props.id}-error`}>
          <span class="visually-hidden">{t('common.error')}: </span>
          {props.error}
        </p>
      </Show>
      {props.children}
    </div>
  );
}

const describedBy = (props: FieldBase) =>
  [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function TextField(props: FieldBase & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id'> & { value: string; onValue: (value: string) => void }) {
  const [own, rest] = splitProps(props, ['id', 'label', 'hint', 'error', 'required', 'value', 'onValue']);
  return (
    <FieldFrame {...own}>
      <input
        {...rest}
        id={own.id}
        name={own.id}
        value={own.value}
        required={own.required}
        aria-invalid={own.error ? 'true' : undefined}
        aria-describedby={describedBy(own)}
        onInput={(event) => own.onValue(event.currentTarget.value)}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldBase & {
    value: string;
    onValue: (value: string) => void;
    options: readonly { value: string; label: string }[];
    /** Label of an empty first option ("any", "none"); no empty option without it. */
    empty?: string;
  },
) {
  return (
    <FieldFrame {...props}>
      <select
        id={props.id}
        name={props.id}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        onChange={(event) => props.onValue(event.currentTarget.value)}
      >
        <Show when={props.empty !== undefined}>
          <option value="" selected={props.value === ''}>
            {props.empty}
          </option>
        </Show>
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </FieldFrame>
  );
}

/** Links to every field with an error, shown above a form that was refused. */
export function ErrorSummary(props: { title: string; errors: Record<string, string>; labels: Record<string, string>; idPrefix?: string }) {
  let box!: HTMLDivElement;
  const entries = () => Object.entries(props.errors);
  onMount(() => box.focus());
  return (
    <div class="notice notice-error error-summary" role="alert" tabindex="-1" ref={box}>
      <h2>{props.title}</h2>
      <ul>
        <For each={entries()}>
          {([field, message]) => (
            <li>
              <Show when={field && props.labels[field]} fallback={message}>
                <a
                  href={`#${props.idPrefix ?? ''}${field}`}
                  on:click={(event) => {
                    // Handled here, not by the router: the field takes the focus.
                    event.preventDefault();
                    document.getElementById(`${props.idPrefix ?? ''}${field}`)?.focus();
                  }}
                >
                  {props.labels[field]}: {message}
                </a>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

type InputProps = FieldBase & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> & { value: string; onValue: (value: string) => void };

/** A calendar day (`YYYY-MM-DD`), with the browser's date picker. */
export function DateField(props: InputProps) {
  return <TextField {...props} type="date" />;
}

/** A whole or decimal number, typed as text (the screen parses it). */
export function NumberField(props: InputProps & { step?: string }) {
  return <TextField inputmode="decimal" autocomplete="off" {...props} type="text" />;
}

/** Euros as a person types them (`1.234,56` in Italian); parse with parseEuroToCents. */
export function EuroField(props: InputProps) {
  return <TextField inputmode="decimal" autocomplete="off" {...props} type="text" />;
}

/**
 * The per-field errors of one form: from an InputError's issues (translated by code where a
 * translation is plugged in, see setIssueTranslator), or set by the screen's own checks.
 */
export function createFieldErrors<F extends string>(fields: readonly F[], prefix: readonly string[] = ['input']) {
  const [errors, setErrors] = createSignal<Partial<Record<F | '', string>>>({});
  return {
    /** Every error by field; `''` for issues no field of the form shows. */
    all: errors as () => Record<string, string>,
    of: (field: F | '') => errors()[field],
    any: () => Object.keys(errors()).length > 0,
    fromIssues: (issues: readonly FieldIssue[]) => void setErrors(() => fieldIssues(issues, fields, prefix) as Partial<Record<F | '', string>>),
    set: (next: Partial<Record<F | '', string>>) => void setErrors(() => next),
    clear: () => setErrors({}),
  };
}
