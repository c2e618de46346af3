// Small building blocks of every screen: headings that announce the page, fields with their label
// and error, notices, tables that scroll on narrow screens, Relay paging.
import type { CombinedError } from '@urql/core';
import { createEffect, createSignal, For, onMount, Show, splitProps, type JSX, type ParentProps } from 'solid-js';
import { describeError } from '../errors.ts';
import { t } from '../i18n/index.ts';

let focusHeadingOnMount = false;
/** Called on every client-side navigation: the next page's heading takes the focus (and is read out). */
export function announceNextPage(): void {
  focusHeadingOnMount = true;
}

/** The page's h1; sets the document title and, after a navigation, takes the focus. */
export function PageHeading(props: ParentProps<{ title: string }>) {
  let heading!: HTMLHeadingElement;
  // The title follows the language switch too.
  createEffect(() => (document.title = `${props.title} · GEA`));
  onMount(() => {
    if (focusHeadingOnMount) {
      focusHeadingOnMount = false;
      heading.focus();
    }
  });
  return (
    <div class="page-heading">
      <h1 ref={heading} tabindex="-1">
        {props.title}
      </h1>
      {props.children}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      {props.label ?? t('common.loading')}
    </p>
  );
}

/** A failure in words, announced to screen readers. */
export function ErrorNotice(props: { error?: CombinedError | undefined; message?: string | undefined }) {
  const text = () => props.message ?? (props.error ? describeError(props.error) : '');
  return (
    <Show when={text()}>
      <div class="notice notice-error" role="alert">
        <p>{text()}</p>
      </div>
    </Show>
  );
}

export function SuccessNotice(props: { message: string | null }) {
  return (
    <div class="notice-region" role="status" aria-live="polite">
      <Show when={props.message}>
        <div class="notice notice-success">
          <p>{props.message}</p>
        </div>
      </Show>
    </div>
  );
}

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

/** A table that scrolls sideways on narrow screens, reachable by keyboard. */
export function TableWrap(props: ParentProps<{ label: string }>) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex="0">
      {props.children}
    </div>
  );
}

/** Pages of a Relay connection: forward with `after`, back through the cursors already seen. */
export function createCursorPaging() {
  const [stack, setStack] = createSignal<(string | null)[]>([null]);
  return {
    after: () => stack()[stack().length - 1] ?? null,
    page: () => stack().length,
    next: (endCursor: string | null | undefined) => endCursor && setStack([...stack(), endCursor]),
    previous: () => stack().length > 1 && setStack(stack().slice(0, -1)),
    reset: () => stack().length > 1 && setStack([null]),
  };
}

export function Pager(props: {
  paging: ReturnType<typeof createCursorPaging>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null | undefined } | undefined;
  label: string;
}) {
  return (
    <nav class="pager" aria-label={props.label}>
      <button type="button" disabled={props.paging.page() <= 1} onClick={() => props.paging.previous()}>
        {t('paging.previous')}
      </button>
      <span aria-live="polite">{t('paging.page', { page: props.paging.page() })}</span>
      <button type="button" disabled={!props.pageInfo?.hasNextPage} onClick={() => props.paging.next(props.pageInfo?.endCursor)}>
        {t('paging.next')}
      </button>
    </nav>
  );
}

export function Badge(props: ParentProps<{ tone?: 'ok' | 'warn' | 'off' }>) {
  return <span class={`badge badge-${props.tone ?? 'off'}`}>{props.children}</span>;
}
