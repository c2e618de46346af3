// Small building blocks of every screen: headings that announce the page, notices, badges, tables
// that scroll on narrow screens.
import type { CombinedError } from '@urql/core';
import { createEffect, onMount, Show, type Accessor, type JSX, type ParentProps } from 'solid-js';
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

/**
 * Moves the focus to what a save changed, as every screen does after saving: the success notice
 * (`<SuccessNotice focus>` does it by itself), or the page's heading when the save opened another
 * page or reloaded this one. Without it the focus stays on the Save button, and a screen-reader or
 * keyboard user is not told where the result is.
 *
 *     const saved = await save();
 *     if (saved) focusAfterSave(heading);   // an h1, a notice, a section: made focusable if needed
 */
export function focusAfterSave(target: HTMLElement | null | undefined): void {
  if (!target) return;
  // Headings and notices are not focusable by themselves: focusable by script only, not by Tab.
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  // After the change has been rendered (the notice's text, the reloaded page).
  requestAnimationFrame(() => target.focus());
}

/** A save's success, announced; with `focus`, it also takes the focus when it appears (focusAfterSave). */
export function SuccessNotice(props: { message: string | null; focus?: boolean }) {
  let notice: HTMLDivElement | undefined;
  createEffect(() => {
    if (props.message && props.focus) focusAfterSave(notice);
  });
  return (
    <div class="notice-region" role="status" aria-live="polite">
      <Show when={props.message}>
        <div class="notice notice-success" ref={notice}>
          <p>{props.message}</p>
        </div>
      </Show>
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

export function Badge(props: ParentProps<{ tone?: 'ok' | 'warn' | 'off' }>) {
  return <span class={`badge badge-${props.tone ?? 'off'}`}>{props.children}</span>;
}

/**
 * The page of one record fetched by id (`node(id:)`): the error, loading, or "not found" page when
 * the answer has no such record (or one the reader may not see), else the record's page.
 */
export function NodePage<T>(props: {
  error: CombinedError | undefined;
  /** Whether the answer has come. */
  loaded: boolean;
  node: T | undefined;
  /** What the reader is told when there is no such record. */
  notFound: string;
  children: (node: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  return (
    <>
      <ErrorNotice error={props.error} />
      <Show when={props.loaded} fallback={<Show when={!props.error}><Loading /></Show>}>
        <Show
          when={props.node}
          fallback={
            <Show when={!props.error}>
              <PageHeading title={t('errors.pageNotFoundTitle')} />
              <p>{props.notFound}</p>
            </Show>
          }
        >
          {(node) => props.children(node)}
        </Show>
      </Show>
    </>
  );
}
