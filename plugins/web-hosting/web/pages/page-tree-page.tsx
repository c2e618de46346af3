// The pages of one site as a tree, grouped under the model's menus (Amministrazione, Novità,
// Servizi, Vivere il Comune), then plain pages and contact points; each with its status. A search
// keeps the matching pages and those above them. "Nuova pagina" picks a type and a title, and
// suggests the address from the title.
import {
  announceNextPage,
  Badge,
  createFieldErrors,
  createMutation,
  createQuery,
  ErrorNotice,
  ErrorSummary,
  formatDateTime,
  graphql,
  isTypedError,
  describeTypedError,
  locale,
  NodePage,
  PageHeading,
  SelectField,
  TextField,
  useShell,
  type ResultOf,
} from '@gea/web-kit';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { contentTypeDefinitions, contentTypes, type ContentTypeName } from '../../src/model/content-types.ts';
import { buildPageTree, filterPages, isValidSlug, pageGroupOf, pageGroups, pageStatus, slugFromTitle, type TreeNode } from '../../src/model/editing.ts';
import { m, statusTone } from './messages.ts';
import './pages.css';

const SitePagesQuery = graphql(`
  query WebHostingSitePages($id: ID!) {
    node(id: $id) {
      ... on HostedSite {
        id name slug publicPath reviewRequired
        entity { id name }
        contents { id type slug title status hasUnpublishedChanges publishAt updatedAt sitePath parent { id } reviewRevision { id } }
      }
    }
  }
`);
const CreatePage = graphql(`
  mutation WebHostingCreatePage($siteId: ID!, $type: ContentType!, $slug: String!, $title: String!, $parentId: ID) {
    createContentItem(input: { siteId: $siteId, type: $type, slug: $slug, title: $title, parentId: $parentId }) {
      __typename
      ... on ContentItem { id }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);

type Site = Extract<NonNullable<ResultOf<typeof SitePagesQuery>['node']>, { contents: unknown }>;
type Page = Site['contents'][number];

export default function PageTreePage() {
  const params = useParams<{ id: string }>();
  const [site, refetch] = createQuery({ query: SitePagesQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const node = createMemo(() => {
    const value = site.data?.node;
    return value && 'contents' in value ? (value as Site) : undefined;
  });
  return (
    <NodePage error={site.error} loaded={!!site.data} node={node()} notFound={m('notFound')}>
      {(current) => <SitePages site={current()} onCreated={() => refetch({ requestPolicy: 'network-only' })} />}
    </NodePage>
  );
}

function SitePages(props: { site: Site; onCreated: () => void }) {
  const shell = useShell();
  const [search, setSearch] = createSignal('');
  const canWrite = () => !!props.site.entity && shell().access.can('web-hosting:content:write', props.site.entity.id);
  const shown = createMemo(() => filterPages(props.site.contents, search()));
  const groups = createMemo(() => {
    const forest = buildPageTree(shown());
    return pageGroups.map((group) => ({ group, nodes: forest.filter((tree) => pageGroupOf(tree.item.type as ContentTypeName) === group) }));
  });
  const [creating, setCreating] = createSignal(false);
  return (
    <>
      <PageHeading title={m('treeTitle', { site: props.site.name })}>
        <p class="lead">{m('treeIntro')}</p>
      </PageHeading>
      <div class="cms-toolbar">
        <form class="form cms-search" role="search" onSubmit={(event) => event.preventDefault()}>
          <TextField id="page-search" type="search" label={m('search')} hint={m('searchHint')} value={search()} onValue={setSearch} autocomplete="off" />
        </form>
        <Show when={canWrite() && !creating()}>
          <button type="button" class="button-primary" onClick={() => setCreating(true)}>
            {m('newPage')}
          </button>
        </Show>
      </div>
      <Show when={creating()}>
        <NewPageForm site={props.site} onCancel={() => setCreating(false)} />
      </Show>
      <p class="visually-hidden" role="status" aria-live="polite">
        {search().trim() ? m('searchResults', { count: shown().length }) : ''}
      </p>
      <For each={groups()}>
        {(entry) => (
          <section class="cms-group" aria-labelledby={`group-${entry.group}`}>
            <h2 id={`group-${entry.group}`}>{m(`groups.${entry.group}`)}</h2>
            <Show when={entry.nodes.length > 0} fallback={<p class="muted">{m('groupEmpty')}</p>}>
              <PageList nodes={entry.nodes} />
            </Show>
          </section>
        )}
      </For>
    </>
  );
}

function PageList(props: { nodes: TreeNode<Page>[] }) {
  return (
    <ul class="cms-tree">
      <For each={props.nodes}>
        {(tree) => {
          const status = () => pageStatus({ ...tree.item, status: tree.item.status });
          const type = () => contentTypeDefinitions[tree.item.type as ContentTypeName];
          return (
            <li>
              <div class="cms-tree-row">
                <A href={`/web-hosting/pages/${encodeURIComponent(tree.item.id)}`}>{tree.item.title}</A>
                <span class="muted"> · {type().label[locale()]}</span>
                <Badge tone={statusTone(status())}>{m(`statuses.${status()}`)}</Badge>
                <span class="muted cms-updated">{m('updated', { when: formatDateTime(tree.item.updatedAt) })}</span>
              </div>
              <Show when={tree.children.length > 0}>
                <PageList nodes={tree.children} />
              </Show>
            </li>
          );
        }}
      </For>
    </ul>
  );
}

function NewPageForm(props: { site: Site; onCancel: () => void }) {
  const navigate = useNavigate();
  const [, create] = createMutation(CreatePage);
  const [type, setType] = createSignal<ContentTypeName>('SERVIZIO');
  const [title, setTitle] = createSignal('');
  const [slug, setSlug] = createSignal('');
  const [slugTouched, setSlugTouched] = createSignal(false);
  const [parentId, setParentId] = createSignal('');
  const [failure, setFailure] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const errors = createFieldErrors(['type', 'title', 'slug', 'parentId'] as const);
  const labels = () => ({ type: m('type'), title: m('title'), slug: m('slug'), parentId: m('parent') });
  const onTitle = (value: string) => {
    setTitle(value);
    if (!slugTouched()) setSlug(slugFromTitle(value));
  };
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    errors.clear();
    setFailure(undefined);
    const local: Record<string, string> = {};
    if (!title().trim()) local.title = m('required');
    if (!slug()) local.slug = m('required');
    else if (!isValidSlug(slug())) local.slug = m('badSlug');
    if (Object.keys(local).length > 0) return errors.set(local);
    setBusy(true);
    const outcome = await create({ siteId: props.site.id, type: type(), slug: slug(), title: title().trim(), parentId: parentId() || null });
    setBusy(false);
    const value = outcome.data?.createContentItem;
    if (outcome.error || !value) return setFailure(outcome.error?.message ?? 'error');
    if (value.__typename === 'ContentItem') {
      announceNextPage();
      return navigate(`/web-hosting/pages/${encodeURIComponent(value.id)}`);
    }
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isTypedError(value)) setFailure(describeTypedError(value));
  }
  return (
    <section class="cms-new" aria-labelledby="new-page-heading">
      <h2 id="new-page-heading">{m('newPageTitle')}</h2>
      <Show when={errors.any()}>
        <ErrorSummary title={m('createErrors')} errors={errors.all()} labels={labels()} idPrefix="new-page-" />
      </Show>
      <ErrorNotice message={failure()} />
      <form class="form form-grid" onSubmit={(event) => void submit(event)} aria-labelledby="new-page-heading">
        <SelectField
          id="new-page-type"
          label={m('type')}
          required
          value={type()}
          onValue={(value) => setType(value as ContentTypeName)}
          options={contentTypes.map((key) => ({ value: key, label: contentTypeDefinitions[key].label[locale()] }))}
          error={errors.of('type')}
        />
        <TextField id="new-page-title" label={m('title')} required value={title()} onValue={onTitle} error={errors.of('title')} autocomplete="off" />
        <TextField
          id="new-page-slug"
          label={m('slug')}
          hint={m('slugHint')}
          required
          value={slug()}
          onValue={(value) => {
            setSlugTouched(true);
            setSlug(value);
          }}
          error={errors.of('slug')}
          autocomplete="off"
          spellcheck={false}
        />
        <SelectField
          id="new-page-parentId"
          label={m('parent')}
          empty={m('noParent')}
          value={parentId()}
          onValue={setParentId}
          options={props.site.contents.map((page) => ({ value: page.id, label: page.title }))}
          error={errors.of('parentId')}
        />
        <div class="form-actions">
          <button type="submit" class="button-primary" disabled={busy()}>
            {m('create')}
          </button>
          <button type="button" class="button-secondary" onClick={() => props.onCancel()}>
            {m('cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
