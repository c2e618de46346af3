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
