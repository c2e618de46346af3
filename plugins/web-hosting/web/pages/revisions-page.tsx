// A page's revisions, newest first: number, kind, author, time; any two compared (the changed
// words marked as inserted and deleted, and said in words for screen readers); an earlier revision
// restored as the new working copy.
import {
  createMutation,
  createQuery,
  describeTypedError,
  ErrorNotice,
  formatDateTime,
  graphql,
  isStaleVersion,
  isTypedError,
  Loading,
  locale,
  NodePage,
  PageHeading,
  SuccessNotice,
  TableWrap,
  useShell,
  type ResultOf,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { m } from './messages.ts';
import './pages.css';

const RevisionsQuery = graphql(`
  query WebHostingPageRevisions($id: ID!) {
    node(id: $id) {
      ... on ContentItem {
        id version title
        site { id entity { id } }
        headRevision { id }
        publishedRevision { id }
        revisions(first: 100) { edges { node { id number kind restoredFrom title createdAt author { name } } } }
      }
    }
  }
`);
const DiffQuery = graphql(`
  query WebHostingRevisionDiff($fromId: ID!, $toId: ID!) {
    revisionDiff(fromId: $fromId, toId: $toId) {
      changes { path label labelEn before after parts { value added removed } }
    }
  }
`);
const Restore = graphql(`
  mutation WebHostingRestoreRevision($itemId: ID!, $revisionId: ID!, $expectedVersion: Int!) {
    restoreContentRevision(itemId: $itemId, revisionId: $revisionId, expectedVersion: $expectedVersion) {
      __typename
      ... on ContentItem { id version headRevision { id number } }
      ... on Error { code message }
    }
  }
`);

type Item = Extract<NonNullable<ResultOf<typeof RevisionsQuery>['node']>, { revisions: unknown }>;

export default function RevisionsPage() {
  const params = useParams<{ id: string }>();
  const [item, refetch] = createQuery({ query: RevisionsQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const node = createMemo(() => {
    const value = item.data?.node;
    return value && 'revisions' in value ? (value as Item) : undefined;
  });
  return (
    <NodePage error={item.error} loaded={!!item.data} node={node()} notFound={m('notFound')}>
      {(current) => <Revisions item={current()} reload={() => refetch({ requestPolicy: 'network-only' })} />}
    </NodePage>
  );
}

function Revisions(props: { item: Item; reload: () => void }) {
  const shell = useShell();
  const canWrite = () => !!props.item.site.entity && shell().access.can('web-hosting:content:write', props.item.site.entity.id);
  const revisions = () => props.item.revisions.edges.map((edge) => edge.node);
  // By default: the one before the newest, against the newest.
  const [fromId, setFromId] = createSignal(revisions()[1]?.id ?? '');
  const [toId, setToId] = createSignal(revisions()[0]?.id ?? '');
  const [compared, setCompared] = createSignal<{ fromId: string; toId: string } | null>(null);
  const [diff] = createQuery({ query: DiffQuery, variables: () => compared() ?? { fromId: '', toId: '' }, pause: () => !compared() });
  const numberOf = (id: string) => revisions().find((revision) => revision.id === id)?.number ?? 0;
  const [compareError, setCompareError] = createSignal<string | undefined>();
  const [, restore] = createMutation(Restore);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string | undefined>();

  function compare(event: SubmitEvent) {
    event.preventDefault();
    setCompareError(undefined);
    if (!fromId() || !toId() || fromId() === toId()) return setCompareError(m('compareSame'));
    setCompared({ fromId: fromId(), toId: toId() });
  }
  async function restoreRevision(id: string, number: number) {
    setNotice(null);
    setFailure(undefined);
    const outcome = await restore({ itemId: props.item.id, revisionId: id, expectedVersion: props.item.version });
    const value = outcome.data?.restoreContentRevision;
    if (outcome.error || !value) return setFailure(m('actionFailed', { reason: outcome.error?.message ?? '' }));
    if (value.__typename === 'ContentItem') {
      setNotice(m('restored', { number }));
      return props.reload();
    }
    if (isStaleVersion(value)) {
      setFailure(m('stale'));
      return props.reload();
    }
    if (isTypedError(value)) setFailure(m('actionFailed', { reason: describeTypedError(value) }));
  }

  return (
    <>
      <p class="breadcrumb">
        <A href={`/web-hosting/pages/${encodeURIComponent(props.item.id)}`}>{m('openEditor')}</A>
      </p>
      <PageHeading title={m('revisionsTitle', { title: props.item.title })}>
        <p class="lead">{m('revisionsIntro')}</p>
      </PageHeading>
      <SuccessNotice focus message={notice()} />
      <ErrorNotice message={failure()} />
      <form class="form" onSubmit={compare} aria-labelledby="revisions-caption">
        <TableWrap label={m('revisionsCaption')}>
          <table>
            <caption id="revisions-caption">{m('revisionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{m('number')}</th>
                <th scope="col">{m('kind')}</th>
                <th scope="col">{m('author')}</th>
                <th scope="col">{m('time')}</th>
                <th scope="col">{m('compareFrom')}</th>
                <th scope="col">{m('compareTo')}</th>
                <Show when={canWrite()}>
                  <th scope="col">
                    <span class="visually-hidden">{m('restore')}</span>
                  </th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={revisions()}>
                {(revision) => (
                  <tr>
                    <th scope="row">{revision.number}</th>
                    <td>
                      {m(`kinds.${revision.kind}`)}
                      <Show when={revision.restoredFrom}> ({m('restoredFrom', { number: revision.restoredFrom! })})</Show>
                      <Show when={revision.id === props.item.headRevision?.id}> · {m('current')}</Show>
                      <Show when={revision.id === props.item.publishedRevision?.id}> · {m('live')}</Show>
                    </td>
                    <td>{revision.author.name}</td>
                    <td>{formatDateTime(revision.createdAt)}</td>
                    <td>
                      {/* Named by aria-label: a hidden text inside a scrolling table would widen the page on phones. */}
                      <input
                        type="radio"
                        class="cms-radio"
                        name="compare-from"
                        value={revision.id}
                        aria-label={m('compareFromLabel', { number: revision.number })}
                        checked={fromId() === revision.id}
                        onChange={() => setFromId(revision.id)}
                      />
                    </td>
                    <td>
                      {/* Named by aria-label: a hidden text inside a scrolling table would widen the page on phones. */}
                      <input
                        type="radio"
                        class="cms-radio"
                        name="compare-to"
                        value={revision.id}
                        aria-label={m('compareToLabel', { number: revision.number })}
                        checked={toId() === revision.id}
                        onChange={() => setToId(revision.id)}
                      />
                    </td>
                    <Show when={canWrite()}>
                      <td>
                        <Show when={revision.id !== props.item.headRevision?.id}>
                          <button type="button" class="button-secondary" aria-label={m('restoreLabel', { number: revision.number })} onClick={() => void restoreRevision(revision.id, revision.number)}>
                            {m('restore')}
                          </button>
                        </Show>
                      </td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
        <ErrorNotice message={compareError()} />
        <div class="form-actions">
          <button type="submit" class="button-primary" disabled={revisions().length < 2}>
            {m('compare')}
          </button>
        </div>
      </form>

      <Show when={compared()}>
        <section aria-labelledby="diff-title" aria-busy={diff.fetching}>
          <h2 id="diff-title" tabindex="-1">
            {m('diffTitle', { from: numberOf(compared()!.fromId), to: numberOf(compared()!.toId) })}
          </h2>
          <ErrorNotice error={diff.error} />
          <Show when={diff.data} fallback={<Show when={!diff.error}><Loading /></Show>}>
            <Show when={diff.data!.revisionDiff.changes.length > 0} fallback={<p>{m('diffNone')}</p>}>
              <p class="hint">{m('diffLegend')}</p>
              <ul class="cms-diff">
                <For each={diff.data!.revisionDiff.changes}>
                  {(change) => (
                    <li>
                      <h3>{locale() === 'en' ? change.labelEn : change.label}</h3>
                      <Show
                        when={change.parts.length > 0}
                        fallback={
                          <dl>
                            <dt>{m('before')}</dt>
                            <dd class="cms-diff-text">{change.before ?? m('empty')}</dd>
                            <dt>{m('after')}</dt>
                            <dd class="cms-diff-text">{change.after ?? m('empty')}</dd>
                          </dl>
                        }
                      >
                        <p class="cms-diff-text">
                          <For each={change.parts}>
                            {(part) =>
                              part.added ? (
                                <ins>
                                  <span class="visually-hidden">[{m('added')}</span>
                                  {part.value}
                                  <span class="visually-hidden">]</span>
                                </ins>
                              ) : part.removed ? (
                                <del>
                                  <span class="visually-hidden">[{m('removed')}</span>
                                  {part.value}
                                  <span class="visually-hidden">]</span>
                                </del>
                              ) : (
                                <span>{part.value}</span>
                              )
                            }
                          </For>
                        </p>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        </section>
      </Show>
    </>
  );
}
