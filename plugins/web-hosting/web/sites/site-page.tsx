// A hosted site: the form with every hosting detail (a new site also picks its body), whether its
// domain follows the municipal form, its alerts today, and the six required links, each pointed to
// an https address (pages of the site are chosen from the page tree). /web-hosting/sites/new shows
// the form alone; once saved, the site's page. A change made on an old version reloads the page.
import {
  announceNextPage,
  Badge,
  createFieldErrors,
  createMutation,
  createQuery,
  DateField,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  formatDate,
  graphql,
  isStaleVersion,
  isTypedError,
  PageHeading,
  type ResultOf,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { alertText, alertTone, CMS_KINDS, m, STATUSES, type Failure } from './messages.ts';
import './sites.css';

const SiteQuery = graphql(`
  query WebHostingSite($id: ID!) {
    node(id: $id) {
      __typename
      ... on HostedSite {
        id version slug name primaryDomain aliases server cms cmsVersion tlsExpiresOn tlsIssuer status reviewRequired note publicPath
        domainFollowsMunicipalForm suggestedDomain
        entity { id name }
        alerts { kind dueOn linkKind message }
        links { kind url pageId pageTitle href }
      }
    }
  }
`);
const CreateSite = graphql(`
  mutation WebHostingCreateSite($input: HostedSiteInput!) {
    createHostedSite(input: $input) {
      __typename
      ... on HostedSite { id name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateSite = graphql(`
  mutation WebHostingUpdateSite($id: ID!, $expectedVersion: Int!, $input: HostedSiteInput!) {
    updateHostedSite(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on HostedSite { id name version }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);
const SetLink = graphql(`
  mutation WebHostingSetSiteLink($siteId: ID!, $kind: SiteLinkKind!, $url: String, $pageId: ID) {
    setSiteLink(siteId: $siteId, kind: $kind, url: $url, pageId: $pageId) {
      __typename
      ... on HostedSite { id }
      ... on InputError { message issues { path message code } }
      ... on Error { code message }
    }
  }
`);
const ClearLink = graphql(`
  mutation WebHostingClearSiteLink($siteId: ID!, $kind: SiteLinkKind!) {
    clearSiteLink(siteId: $siteId, kind: $kind) {
      __typename
      ... on HostedSite { id }
      ... on Error { code message }
    }
  }
`);

type Site = Extract<NonNullable<ResultOf<typeof SiteQuery>['node']>, { __typename: 'HostedSite' }>;
const FIELDS = ['entityId', 'slug', 'name', 'primaryDomain', 'aliases', 'server', 'cms', 'cmsVersion', 'tlsExpiresOn', 'tlsIssuer', 'status', 'note'] as const;
type Field = (typeof FIELDS)[number];
const labels = (): Record<Field, string> => ({
  entityId: m('body'),
  slug: m('slug'),
  name: m('name'),
  primaryDomain: m('primaryDomain'),
  aliases: m('aliases'),
  server: m('server'),
  cms: m('cms'),
  cmsVersion: m('cmsVersion'),
  tlsExpiresOn: m('tlsExpiresOn'),
  tlsIssuer: m('tlsIssuer'),
  status: m('status'),
  note: m('note'),
});

export default function SitePage() {
  const params = useParams<{ id?: string }>();
  const isNew = () => !params.id || params.id === 'new';
  const [result, reload] = createQuery({ query: SiteQuery, variables: () => ({ id: decodeURIComponent(params.id ?? '') }), pause: () => isNew() });
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const site = createMemo(() => {
    const node = result.data?.node;
    return node?.__typename === 'HostedSite' ? node : undefined;
  });
  const [saved, setSaved] = createSignal<string | null>(null);

  return (
    <>
      <p class="breadcrumb">
        <A href="/web-hosting/sites">{m('backToSites')}</A>
      </p>
      <Show
        when={isNew() || site()}
        fallback={
          <Show when={result.data || result.error} fallback={<p aria-busy="true">{t('common.loading')}</p>}>
            <PageHeading title={m('notFound')} />
            <ErrorNotice error={result.error} />
          </Show>
        }
      >
        <PageHeading title={isNew() ? m('newTitle') : site()!.name}>
          <Show when={site()}>
            <p class="lead">
              {site()!.entity?.name} · {site()!.primaryDomain} · {m(`statuses.${site()!.status}`)}
            </p>
          </Show>
        </PageHeading>
        <SuccessNotice focus message={saved()} />
        <SiteForm site={site()} onSaved={(text) => (setSaved(text), refresh())} onStale={refresh} />
        <Show when={site()}>
          <AlertsSection site={site()!} />
          <LinksSection site={site()!} onSaved={(text) => (setSaved(text), refresh())} />
        </Show>
      </Show>
    </>
  );
}

function SiteForm(props: { site: Site | undefined; onSaved: (text: string) => void; onStale: () => void }) {
  const shell = useShell();
  const navigate = useNavigate();
  const [, create] = createMutation(CreateSite);
  const [, update] = createMutation(UpdateSite);
  const canWrite = () =>
    props.site ? shell().access.can('web-hosting:sites:write', props.site.entity?.id ?? '') : shell().bodiesWithModule('web-hosting', 'web-hosting:sites:write').length > 0;
  const fill = (site: Site | undefined) => ({
    entityId: site?.entity?.id ?? '',
    slug: site?.slug ?? '',
    name: site?.name ?? '',
    primaryDomain: site?.primaryDomain ?? '',
    aliases: site?.aliases.join(' ') ?? '',
    server: site?.server ?? '',
    cms: site?.cms ?? 'GEA',
    cmsVersion: site?.cmsVersion ?? '',
    tlsExpiresOn: site?.tlsExpiresOn ?? '',
    tlsIssuer: site?.tlsIssuer ?? '',
    status: site?.status ?? 'ACTIVE',
    note: site?.note ?? '',
    reviewRequired: site?.reviewRequired ?? false,
  });
  const [form, setForm] = createStore(fill(props.site));
  // A new version (saved here, or reloaded after a stale save) shows what is stored now.
  createEffect(on(() => props.site?.version, () => setForm(fill(props.site)), { defer: true }));
  const errors = createFieldErrors(FIELDS);
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    errors.clear();
    const local: Partial<Record<Field, string>> = {};
    if (!form.entityId) local.entityId = m('required');
    if (!form.slug.trim()) local.slug = m('required');
    if (!form.name.trim()) local.name = m('required');
    if (!form.primaryDomain.trim()) local.primaryDomain = m('required');
    if (Object.keys(local).length > 0) return errors.set(local);
    const input = {
      entityId: form.entityId,
      slug: form.slug.trim(),
      name: form.name.trim(),
      primaryDomain: form.primaryDomain.trim(),
      aliases: form.aliases.split(/[\s,;]+/).filter(Boolean),
      server: form.server.trim() || null,
      cms: form.cms as never,
      cmsVersion: form.cmsVersion.trim() || null,
      tlsExpiresOn: form.tlsExpiresOn || null,
      tlsIssuer: form.tlsIssuer.trim() || null,
      status: form.status as never,
      reviewRequired: form.reviewRequired,
      note: form.note.trim() || null,
    };
    setSaving(true);
    const current = props.site;
    const outcome = current ? await update({ id: current.id, expectedVersion: current.version, input }) : await create({ input });
    setSaving(false);
    const value = outcome.data ? ('updateHostedSite' in outcome.data ? outcome.data.updateHostedSite : outcome.data.createHostedSite) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: m('staleReloaded') });
      return props.onStale();
    }
    if (value.__typename === 'HostedSite') {
      if (!current) {
        announceNextPage();
        return navigate(`/web-hosting/sites/${encodeURIComponent(value.id)}`);
      }
      return props.onSaved(m('saved', { name: value.name }));
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <section aria-labelledby="site-form-title">
      <h2 id="site-form-title">{m('formTitle')}</h2>
      <Show when={errors.any()}>
        <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="site-" />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <Show when={props.site && props.site.domainFollowsMunicipalForm !== null}>
        <p class={props.site!.domainFollowsMunicipalForm ? 'notice notice-info' : 'notice site-domain-warning'} id="site-municipal-form">
          {props.site!.domainFollowsMunicipalForm ? m('municipalFormOk') : m('municipalFormWarn', { domain: props.site!.suggestedDomain ?? '' })}
        </p>
      </Show>
      <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="site-form-title">
        <fieldset disabled={saving() || !canWrite()}>
          <legend class="visually-hidden">{m('formTitle')}</legend>
          <SelectField
            id="site-entityId"
            label={labels().entityId}
            required
            empty=""
            value={form.entityId}
            onValue={(v) => setForm('entityId', v)}
            error={errors.of('entityId')}
            options={shell()
              .bodiesWithModule('web-hosting', 'web-hosting:sites:write')
              .map((body) => ({ value: body.id, label: body.name }))}
          />
          <TextField id="site-name" label={labels().name} required value={form.name} onValue={(v) => setForm('name', v)} error={errors.of('name')} />
          <TextField id="site-slug" label={labels().slug} hint={m('slugHint')} required autocomplete="off" value={form.slug} onValue={(v) => setForm('slug', v)} error={errors.of('slug')} />
          <TextField
            id="site-primaryDomain"
            label={labels().primaryDomain}
            hint={m('primaryDomainHint')}
            required
            autocomplete="off"
            value={form.primaryDomain}
            onValue={(v) => setForm('primaryDomain', v)}
            error={errors.of('primaryDomain')}
          />
          <TextField id="site-aliases" label={labels().aliases} hint={m('aliasesHint')} autocomplete="off" value={form.aliases} onValue={(v) => setForm('aliases', v)} error={errors.of('aliases')} />
          <TextField id="site-server" label={labels().server} value={form.server} onValue={(v) => setForm('server', v)} error={errors.of('server')} />
          <SelectField id="site-cms" label={labels().cms} required value={form.cms} onValue={(v) => setForm('cms', v as never)} error={errors.of('cms')} options={CMS_KINDS.map((v) => ({ value: v, label: m(`cmsKinds.${v}`) }))} />
          <TextField id="site-cmsVersion" label={labels().cmsVersion} value={form.cmsVersion} onValue={(v) => setForm('cmsVersion', v)} error={errors.of('cmsVersion')} />
          <DateField id="site-tlsExpiresOn" label={labels().tlsExpiresOn} value={form.tlsExpiresOn} onValue={(v) => setForm('tlsExpiresOn', v)} error={errors.of('tlsExpiresOn')} />
          <TextField id="site-tlsIssuer" label={labels().tlsIssuer} value={form.tlsIssuer} onValue={(v) => setForm('tlsIssuer', v)} error={errors.of('tlsIssuer')} />
          <SelectField id="site-status" label={labels().status} required value={form.status} onValue={(v) => setForm('status', v as never)} error={errors.of('status')} options={STATUSES.map((v) => ({ value: v, label: m(`statuses.${v}`) }))} />
          <TextField id="site-note" label={labels().note} value={form.note} onValue={(v) => setForm('note', v)} error={errors.of('note')} />
          <div class="field">
            <label class="checkbox">
              <input id="site-reviewRequired" type="checkbox" checked={form.reviewRequired} onChange={(event) => setForm('reviewRequired', event.currentTarget.checked)} /> {m('reviewRequired')}
            </label>
          </div>
        </fieldset>
        <Show when={canWrite()}>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {saving() ? t('common.saving') : m('save')}
            </button>
          </div>
        </Show>
      </form>
      <Show when={props.site}>
        <p>
          {m('publicPath')} <a href={props.site!.publicPath} rel="external">{props.site!.publicPath}</a>
        </p>
      </Show>
    </section>
  );
}

function AlertsSection(props: { site: Site }) {
  return (
    <section aria-labelledby="site-alerts-title">
      <h2 id="site-alerts-title">{m('alertsTitle')}</h2>
      <Show when={props.site.alerts.length > 0} fallback={<p>{m('noAlerts')}</p>}>
        <ul class="site-alerts">
          <For each={props.site.alerts}>
            {(alert) => (
              <li>
                <Badge tone={alertTone(alert.kind)}>{m(`alertKinds.${alert.kind}`)}</Badge> {alertText(alert, formatDate)}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function LinksSection(props: { site: Site; onSaved: (text: string) => void }) {
  const shell = useShell();
  const canWrite = () => shell().access.can('web-hosting:sites:write', props.site.entity?.id ?? '');
  return (
    <section aria-labelledby="site-links-title">
      <h2 id="site-links-title">{m('linksTitle')}</h2>
      <p>{m('linksIntro')}</p>
      <For each={props.site.links}>{(link) => <LinkForm site={props.site} link={link} canWrite={canWrite()} onSaved={props.onSaved} />}</For>
    </section>
  );
}

function LinkForm(props: { site: Site; link: Site['links'][number]; canWrite: boolean; onSaved: (text: string) => void }) {
  const [, set] = createMutation(SetLink);
  const [, clear] = createMutation(ClearLink);
  const prefix = `link-${props.link.kind}`;
  const name = () => m(`links.${props.link.kind}`);
  const [url, setUrl] = createSignal(props.link.url ?? '');
  createEffect(on(() => props.link.url, (value) => setUrl(value ?? ''), { defer: true }));
  const [error, setError] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<string | undefined>();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setError(undefined);
    setFailure(undefined);
    if (!url().trim()) return setError(m('required'));
    const outcome = await set({ siteId: props.site.id, kind: props.link.kind, url: url().trim(), pageId: null });
    const value = outcome.data?.setSiteLink;
    if (outcome.error || !value) return setFailure(outcome.error?.message);
    if (value.__typename === 'InputError') return setError(value.issues.map((issue) => issue.message).join('; '));
    if (value.__typename === 'HostedSite') return props.onSaved(m('linkSaved', { link: name() }));
    if (isTypedError(value)) setFailure(describeTypedError(value));
  }
  async function remove() {
    setFailure(undefined);
    const outcome = await clear({ siteId: props.site.id, kind: props.link.kind });
    const value = outcome.data?.clearSiteLink;
    if (outcome.error || !value) return setFailure(outcome.error?.message);
    if (value.__typename === 'HostedSite') return props.onSaved(m('linkCleared', { link: name() }));
    if (isTypedError(value)) setFailure(describeTypedError(value));
  }

  return (
    <form class="form site-link-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{name()}</h3>
      <p class="site-link-target">
        <Show when={props.link.href} fallback={<Badge tone="warn">{m('linkMissing')}</Badge>}>
          <Show when={props.link.pageTitle} fallback={<a href={props.link.href!} rel="external">{props.link.href}</a>}>
            <a href={props.link.href!} rel="external">{m('linkPage', { title: props.link.pageTitle! })}</a>
          </Show>
        </Show>
      </p>
      <ErrorNotice message={failure()} />
      <Show when={props.canWrite}>
        <fieldset>
          <legend class="visually-hidden">{name()}</legend>
          <TextField id={`${prefix}-url`} label={m('linkUrl')} inputmode="url" autocomplete="off" value={url()} onValue={setUrl} error={error()} />
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button-secondary">
            {m('setLink')}
            <span class="visually-hidden"> {name()}</span>
          </button>
          <Show when={props.link.href}>
            <button type="button" class="button-secondary" onClick={() => void remove()}>
              {m('clearLink')}
              <span class="visually-hidden"> {name()}</span>
            </button>
          </Show>
        </div>
      </Show>
    </form>
  );
}
