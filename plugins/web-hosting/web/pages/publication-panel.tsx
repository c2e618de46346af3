// The editor's publication panel: preview in a new tab, publish or schedule (where there is no
// review: publishers; where there is: reviewers), send for review, send back with a note, take down,
// cancel a schedule. Buttons wait for the page to be saved and complete.
import { createMutation, describeTypedError, ErrorNotice, formatDateTime, graphql, isStaleVersion, isTypedError, TextField } from '@gea/web-kit';
import { createSignal, Show } from 'solid-js';
import { fromLocalInput, type Item } from './editor-query.ts';
import { LongText } from './field-inputs.tsx';
import { m } from './messages.ts';

const Publish = graphql(`
  mutation WebHostingPublishPage($itemId: ID!, $expectedVersion: Int!, $revisionId: ID!) {
    publishContentItem(itemId: $itemId, expectedVersion: $expectedVersion, revisionId: $revisionId) {
      __typename
      ... on ContentItem { id version status }
      ... on Error { code message }
    }
  }
`);
const Schedule = graphql(`
  mutation WebHostingSchedulePage($itemId: ID!, $expectedVersion: Int!, $publishAt: DateTime!, $revisionId: ID!) {
    scheduleContentItem(itemId: $itemId, expectedVersion: $expectedVersion, publishAt: $publishAt, revisionId: $revisionId) {
      __typename
      ... on ContentItem { id version publishAt }
      ... on Error { code message }
    }
  }
`);
const CancelSchedule = graphql(`
  mutation WebHostingCancelPageSchedule($itemId: ID!, $expectedVersion: Int!) {
    cancelContentSchedule(itemId: $itemId, expectedVersion: $expectedVersion) {
      __typename
      ... on ContentItem { id version publishAt }
      ... on Error { code message }
    }
  }
`);
const Unpublish = graphql(`
  mutation WebHostingUnpublishPage($itemId: ID!, $expectedVersion: Int!) {
    unpublishContentItem(itemId: $itemId, expectedVersion: $expectedVersion) {
      __typename
      ... on ContentItem { id version status }
      ... on Error { code message }
    }
  }
`);
const SubmitReview = graphql(`
  mutation WebHostingSubmitPageForReview($itemId: ID!, $expectedVersion: Int!) {
    submitContentForReview(itemId: $itemId, expectedVersion: $expectedVersion) {
      __typename
      ... on ContentItem { id version }
      ... on Error { code message }
    }
  }
`);
const RejectReview = graphql(`
  mutation WebHostingRejectPageReview($itemId: ID!, $expectedVersion: Int!, $note: String!) {
    rejectContentReview(itemId: $itemId, expectedVersion: $expectedVersion, note: $note) {
      __typename
      ... on ContentItem { id version }
      ... on Error { code message }
    }
  }
`);
const Preview = graphql(`
  mutation WebHostingPreviewPage($itemId: ID!, $revisionId: ID!) {
    createPreviewLink(itemId: $itemId, revisionId: $revisionId) {
      __typename
      ... on PreviewLink { path expiresAt }
      ... on Error { code message }
    }
  }
`);

export function PublicationPanel(props: {
  item: Item;
  version: number;
  dirty: boolean;
  hasIssues: boolean;
  canWrite: boolean;
  canPublish: boolean;
  canReview: boolean;
  onDone: (message: string, version?: number) => void;
  onStale: () => void;
}) {
  const [, publish] = createMutation(Publish);
  const [, schedule] = createMutation(Schedule);
  const [, cancelSchedule] = createMutation(CancelSchedule);
  const [, unpublish] = createMutation(Unpublish);
  const [, submitReview] = createMutation(SubmitReview);
  const [, rejectReview] = createMutation(RejectReview);
  const [, preview] = createMutation(Preview);
  const [error, setError] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const [publishAt, setPublishAt] = createSignal('');
  const [note, setNote] = createSignal('');
  const review = () => props.item.site.reviewRequired;
  const reviewing = () => !!props.item.reviewRevision;
  /** Who may make a page go live here: a publisher where there is no review, a reviewer where there is. */
  const mayPublish = () => (review() ? props.canReview : props.canPublish);
  /** The revision that would go live: the one under review, else the working one. */
  const revisionId = () => props.item.reviewRevision?.id ?? props.item.headRevision?.id ?? '';
  const blocked = () => props.dirty || (!reviewing() && props.hasIssues) || !props.item.headRevision;
  const blockedReason = () => (props.dirty ? m('saveFirst') : !reviewing() && props.hasIssues ? m('fixFirst') : undefined);

  type Outcome = { data?: Record<string, { __typename: string; version?: number; message?: string; code?: string } | undefined> | undefined; error?: { message: string } | undefined };
  async function run(action: () => Promise<Outcome>, success: string) {
    setBusy(true);
    setError(undefined);
    const outcome = await action();
    setBusy(false);
    const value = outcome.data ? Object.values(outcome.data)[0] : undefined;
    if (outcome.error || !value) return setError(m('actionFailed', { reason: outcome.error?.message ?? '' }));
    if (value.__typename === 'ContentItem') return props.onDone(success, value.version);
    if (isStaleVersion(value)) return props.onStale();
    if (isTypedError(value)) setError(m('actionFailed', { reason: describeTypedError(value as never) }));
  }
  const base = () => ({ itemId: props.item.id, expectedVersion: props.version });

  async function openPreview() {
    setError(undefined);
    // Opened now, while the click still counts as the reader's: a window opened after the answer would be blocked.
    const tab = window.open('about:blank', '_blank');
    const outcome = await preview({ itemId: props.item.id, revisionId: props.item.headRevision?.id ?? '' });
    const value = outcome.data?.createPreviewLink;
    if (value?.__typename === 'PreviewLink') {
      if (tab) {
        tab.opener = null;
        tab.location.href = value.path;
      } else window.open(value.path, '_blank', 'noopener');
      return;
    }
    tab?.close();
    setError(m('previewFailed', { reason: outcome.error?.message ?? (value && isTypedError(value) ? describeTypedError(value) : '') }));
  }

  return (
    <section class="cms-panel" aria-labelledby="publication-title">
      <h2 id="publication-title">{m('publication')}</h2>
      <ErrorNotice message={error()} />
      <p>{props.item.lastPublishedAt ? m('publishedAt', { when: formatDateTime(props.item.lastPublishedAt) }) : m('neverPublished')}</p>
      <Show when={props.item.publishAt}>
        <p>{m('scheduledAt', { when: formatDateTime(props.item.publishAt) })}</p>
      </Show>
      <Show when={props.item.unpublishAt}>
        <p>{m('unpublishAtNote', { when: formatDateTime(props.item.unpublishAt) })}</p>
      </Show>
      <Show when={review()}>
        <p class="hint">{m('reviewRequired')}</p>
      </Show>
      <Show when={reviewing()}>
        <p>{m('inReview', { number: props.item.reviewRevision!.number })}</p>
      </Show>
      <div class="form-actions">
        <button type="button" class="button-secondary" disabled={!props.item.headRevision} onClick={() => void openPreview()} aria-describedby="preview-hint">
          {m('preview')}
        </button>
        <span id="preview-hint" class="visually-hidden">
          {m('previewHint')}
        </span>
      </div>
      <Show when={blockedReason() && (mayPublish() || (review() && props.canWrite))}>
        <p class="hint" id="publish-blocked">
          {blockedReason()}
        </p>
      </Show>
      <Show when={mayPublish()}>
        <div class="form-actions">
          <button
            type="button"
            class="button-primary"
            disabled={busy() || blocked()}
            aria-describedby={blockedReason() ? 'publish-blocked' : undefined}
            onClick={() => void run(() => publish({ ...base(), revisionId: revisionId() }) as Promise<Outcome>, m('published'))}
          >
            {m('publish')}
          </button>
        </div>
        <form
          class="form"
          onSubmit={(event) => {
            event.preventDefault();
            const at = fromLocalInput(publishAt());
            if (at) void run(() => schedule({ ...base(), publishAt: at, revisionId: revisionId() }) as Promise<Outcome>, m('scheduled', { when: formatDateTime(at) }));
          }}
        >
          <TextField id="schedule-at" type="datetime-local" label={m('scheduleAt')} required value={publishAt()} onValue={setPublishAt} />
          <div class="form-actions">
            <button type="submit" class="button-secondary" disabled={busy() || blocked() || !publishAt()}>
              {m('schedule')}
            </button>
          </div>
        </form>
      </Show>
      <Show when={(props.item.publishAt || props.item.unpublishAt) && (props.canPublish || props.canReview)}>
        <div class="form-actions">
          <button type="button" class="button-secondary" disabled={busy()} onClick={() => void run(() => cancelSchedule(base()) as Promise<Outcome>, m('scheduleCancelled'))}>
            {m('cancelSchedule')}
          </button>
        </div>
      </Show>
      <Show when={review() && props.canWrite && !reviewing()}>
        <div class="form-actions">
          <button type="button" class="button-primary" disabled={busy() || blocked()} onClick={() => void run(() => submitReview(base()) as Promise<Outcome>, m('submitted'))}>
            {m('submitReview')}
          </button>
        </div>
      </Show>
      <Show when={review() && props.canReview && reviewing()}>
        <form
          class="form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => rejectReview({ ...base(), note: note().trim() }) as Promise<Outcome>, m('rejected'));
          }}
        >
          <LongText id="reject-note" label={m('rejectNote')} value={note()} onValue={setNote} />
          <div class="form-actions">
            <button type="submit" class="button-secondary" disabled={busy()}>
              {m('reject')}
            </button>
          </div>
        </form>
      </Show>
      <Show when={props.item.status === 'PUBLISHED' && (props.canPublish || props.canReview)}>
        <div class="form-actions">
          <button type="button" class="button-secondary" disabled={busy()} onClick={() => void run(() => unpublish(base()) as Promise<Outcome>, m('unpublished'))}>
            {m('unpublish')}
          </button>
        </div>
      </Show>
    </section>
  );
}
