// The page editor: a form built from the content model (src/model/): the heading (title, short
// description, topics), then the type's sections in the model's order with their fields. Changes are
// saved on their own a few seconds after the last one (an autosave revision) or with "Salva"; what
// the working revision still lacks to be published is listed and shown next to its field. Publish,
// schedule, take down, or go through review, as the site and the reader's permissions allow;
// preview in a new tab. Rich text fields load Tiptap as a chunk of their own.
import {
  Badge,
  createMutation,
  createQuery,
  describeTypedError,
  downloadFromRoute,
  ErrorNotice,
  ErrorSummary,
  formatDateTime,
  graphql,
  isStaleVersion,
  isTypedError,
  locale,
  NodePage,
  PageHeading,
  rawId,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  DateField,
  useShell,
  type ResultOf,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import { batch, createEffect, createMemo, createSignal, For, lazy, Match, on, onCleanup, Show, Suspense, Switch } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { contentTypeDefinitions, type ContentTypeName, type FieldDefinition, type SectionDefinition } from '../../src/model/content-types.ts';
import { emptyValue, fieldsToSave, issueTarget, pageStatus } from '../../src/model/editing.ts';
import { vocabularies, type VocabularyTerm } from '../../src/model/taxonomies.ts';
import { m, statusTone } from './messages.ts';
import './pages.css';

const RichTextEditor = lazy(() => import('./rich-text-editor.tsx'));

/** How long after the last change the editor saves on its own. */
export const AUTOSAVE_DELAY_MS = 5000;

const EditorQuery = graphql(`
  query WebHostingPageEditor($id: ID!) {
    node(id: $id) {
      ... on ContentItem {
        id version type slug title status hasUnpublishedChanges publishAt unpublishAt sitePath lastPublishedAt updatedAt
        site { id name slug reviewRequired entity { id } contents { id type title } }
        headRevision { id number title summary topics fields createdAt author { name } publicationIssues { path message code } }
        publishedRevision { id number }
        reviewRevision { id number }
        attachments { id fileName }
      }
    }
  }
`);
const SaveRevision = graphql(`
  mutation WebHostingSavePage(
    $itemId: ID!, $expectedVersion: Int!, $title: String!, $summary: String!, $topics: [String!]!, $fields: JSONObject!, $autosave: Boolean!
  ) {
    saveContentRevision(
      input: { itemId: $itemId, expectedVersion: $expectedVersion, title: $title, summary: $summary, topics: $topics, fields: $fields, autosave: $autosave }
    ) {
      __typename
      ... on ContentItem { id version headRevision { id number createdAt } }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
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
const Upload = graphql(`
  mutation WebHostingUploadAttachment($siteId: ID!, $itemId: ID!, $file: Upload!) {
    uploadContentAttachment(siteId: $siteId, itemId: $itemId, file: $file) {
      __typename
      ... on ContentAttachment { id fileName mediaType size downloadPath }
      ... on InputError { message issues { path message code } }
      ... on Error { code message }
    }
  }
`);

type Item = Extract<NonNullable<ResultOf<typeof EditorQuery>['node']>, { headRevision: unknown }>;
type SitePage = Item['site']['contents'][number];
type Issue = { path: readonly (string | number)[]; message: string; code?: string | null };

interface FormState {
  title: string;
  summary: string;
  topics: string[];
  fields: Record<string, unknown>;
}

const formOf = (item: Item): FormState => {
  const head = item.headRevision;
  const stored = (head?.fields ?? {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const section of contentTypeDefinitions[item.type as ContentTypeName].sections) {
    for (const field of section.fields) fields[field.key] = stored[field.key] ?? emptyValue(field);
  }
  return { title: head?.title ?? item.title, summary: head?.summary ?? '', topics: [...(head?.topics ?? [])], fields };
};

/** `2026-12-24T08:30` in the browser's time zone, for datetime-local inputs. */
const toLocalInput = (iso: string | null | undefined) => {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

export default function EditorPage() {
  const params = useParams<{ id: string }>();
  const [item, refetch] = createQuery({ query: EditorQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const node = createMemo(() => {
    const value = item.data?.node;
    return value && 'headRevision' in value ? (value as Item) : undefined;
  });
  return (
    <NodePage error={item.error} loaded={!!item.data} node={node()} notFound={m('notFound')}>
      {(current) => <Editor item={current()} reload={() => refetch({ requestPolicy: 'network-only' })} />}
    </NodePage>
  );
}

function Editor(props: { item: Item; reload: () => void }) {
  const shell = useShell();
  const type = () => props.item.type as ContentTypeName;
  const definition = () => contentTypeDefinitions[type()];
  const entityId = () => props.item.site.entity?.id ?? '';
  const canWrite = () => shell().access.can('web-hosting:content:write', entityId());
  const canPublish = () => shell().access.can('web-hosting:content:publish', entityId());
  const canReview = () => shell().access.can('web-hosting:content:review', entityId());

  const [form, setForm] = createStore<FormState>(formOf(props.item));
  // Remounts the fields (the rich text editors keep their own state) when the form is reloaded.
  const [formKey, setFormKey] = createSignal(1);
  const [version, setVersion] = createSignal(props.item.version);
  const [changes, setChanges] = createSignal(0);
  const [savedChanges, setSavedChanges] = createSignal(0);
  const [saving, setSaving] = createSignal(false);
  const [savedAt, setSavedAt] = createSignal<string | null>(null);
  const [saveErrors, setSaveErrors] = createSignal<Record<string, string>>({});
  const [failure, setFailure] = createSignal<string | undefined>();
  const [notice, setNotice] = createSignal<string | null>(null);
  const [uploadedNames, setAttachmentNames] = createSignal<Record<string, string>>({});
  const attachmentNames = () => ({ ...Object.fromEntries(props.item.attachments.map((file) => [file.id, file.fileName])), ...uploadedNames() });
  const dirty = () => changes() !== savedChanges();

  // A newer version from the server (after a save or an action) moves the expected version on.
  createEffect(on(() => props.item.version, (current) => setVersion((mine) => Math.max(mine, current))));

  const reloadForm = (item: Item) => {
    batch(() => {
      setForm(reconcile(formOf(item)));
      setVersion(item.version);
      setSavedChanges(changes());
      setSaveErrors({});
      setFormKey((key) => key + 1);
    });
  };
  // After a stale save the fresh page replaces the form, once it has come.
  let reloadWhenFresh = false;
  // Tracked by version and head: the query's answer is merged into the same object, not replaced.
  createEffect(
    on(
      () => [props.item.version, props.item.headRevision?.id],
      () => {
        if (reloadWhenFresh && props.item.version >= version()) {
          reloadWhenFresh = false;
          reloadForm(props.item);
        }
      },
    ),
  );

  const change = (apply: () => void) => {
    apply();
    setChanges((n) => n + 1);
  };
  const setField = (key: string, value: unknown) => change(() => setForm('fields', key, value as never));

  const [, saveRevision] = createMutation(SaveRevision);
  // A save asked for while another runs (autosave, then "Salva"): run once that one is done.
  let saveAgain = false;
  async function save(autosave: boolean): Promise<boolean> {
    if (!canWrite()) return false;
    if (saving()) {
      saveAgain = true;
      return false;
    }
    const ok = await saveOnce(autosave);
    if (saveAgain) {
      saveAgain = false;
      if (ok && dirty()) return save(false);
    }
    return ok;
  }
  async function saveOnce(autosave: boolean): Promise<boolean> {
    const at = changes();
    setSaving(true);
    setFailure(undefined);
    const state = unwrap(form);
    const outcome = await saveRevision({
      itemId: props.item.id,
      expectedVersion: version(),
      title: state.title.trim(),
      summary: state.summary,
      topics: [...state.topics],
      fields: fieldsToSave(type(), state.fields),
      autosave,
    });
    setSaving(false);
    const value = outcome.data?.saveContentRevision;
    if (outcome.error || !value) {
      setFailure(m('saveFailed', { reason: outcome.error?.message ?? '' }));
      return false;
    }
    if (value.__typename === 'ContentItem') {
      batch(() => {
        setVersion(value.version);
        setSavedChanges(at);
        setSaveErrors({});
        setSavedAt(value.headRevision?.createdAt ?? new Date().toISOString());
      });
      props.reload();
      return true;
    }
    if (value.__typename === 'InputError') {
      setSaveErrors(saveIssues(value.issues));
      return false;
    }
    if (isStaleVersion(value)) {
      setFailure(m('stale'));
      reloadWhenFresh = true;
      props.reload();
      return false;
    }
    if (isTypedError(value)) setFailure(m('saveFailed', { reason: describeTypedError(value) }));
    return false;
  }

  // Autosave: a few seconds after the last change; again later if a save was running.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!dirty() || Object.keys(saveErrors()).length > 0) return;
      if (saving()) return schedule();
      void save(true);
    }, AUTOSAVE_DELAY_MS);
  };
  createEffect(on(changes, () => dirty() && schedule(), { defer: true }));
  onCleanup(() => {
    clearTimeout(timer);
    // Leaving for another screen of the client: what was typed since the last save is saved on the way out.
    if (dirty() && !saving() && Object.keys(saveErrors()).length === 0) void saveOnce(true);
  });
  // Leaving the page with unsaved changes: the browser asks.
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (dirty()) event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  onCleanup(() => window.removeEventListener('beforeunload', beforeUnload));

  const issues = createMemo<Issue[]>(() => (props.item.headRevision?.publicationIssues ?? []) as Issue[]);
  const fieldLabel = (key: string) => {
    for (const section of definition().sections) {
      const field = section.fields.find((f) => f.key === key);
      if (field) return field.label[locale()];
    }
    return key;
  };
  const issueText = (issue: Issue) => {
    const target = issueTarget(type(), issue.path);
    const label =
      target.kind === 'field' ? fieldLabel(target.key)
      : target.kind === 'section' ? definition().sections.find((s) => s.key === target.key)!.label[locale()]
      : target.kind === 'other' ? issue.path.join('.')
      : m(target.kind);
    if (target.kind === 'section') return m('issueSection', { label });
    return issue.code === 'REQUIRED' ? m('issueRequired', { label }) : m('issueOther', { label, message: issue.message });
  };
  /** Publication issues by the form's element they concern: `title`, `summary`, `topics`, a field key, or `section:<key>`. */
  const issuesByTarget = createMemo(() => {
    const byTarget: Record<string, string[]> = {};
    for (const issue of issues()) {
      const target = issueTarget(type(), issue.path);
      const key = target.kind === 'field' ? target.key : target.kind === 'section' ? `section:${target.key}` : target.kind;
      (byTarget[key] ??= []).push(issueText(issue));
    }
    return byTarget;
  });
  const issueAnchor = (issue: Issue) => {
    const target = issueTarget(type(), issue.path);
    return target.kind === 'field' ? `field-${target.key}` : target.kind === 'section' ? `section-${target.key}` : target.kind === 'other' ? 'field-title' : `field-${target.kind}`;
  };

  const saveIssues = (list: readonly Issue[]) => {
    const out: Record<string, string> = {};
    for (const issue of list) {
      const path = issue.path[0] === 'input' ? issue.path.slice(1) : issue.path;
      const key = path[0] === 'fields' && path[1] !== undefined ? String(path[1]) : String(path[0] ?? '');
      out[key] = out[key] ? `${out[key]}; ${issue.message}` : issue.message;
    }
    return out;
  };
  const errorLabels = () => {
    const labels: Record<string, string> = { title: m('title'), summary: m('summary'), topics: m('topics') };
    for (const section of definition().sections) for (const field of section.fields) labels[field.key] = field.label[locale()];
    return labels;
  };

  const status = () => pageStatus({ ...props.item, status: props.item.status });
  const saveState = () => (saving() ? 'saving' : dirty() ? 'unsaved' : 'saved');

  return (
    <>
      <p class="breadcrumb">
        <A href={`/web-hosting/sites/${encodeURIComponent(props.item.site.id)}/pages`}>{m('back')}</A>
      </p>
      <PageHeading title={form.title.trim() || props.item.title}>
        <p class="lead">
          {definition().label[locale()]} · <Badge tone={statusTone(status())}>{m(`statuses.${status()}`)}</Badge>
          <Show when={props.item.sitePath}>
            {' · '}
            <span class="cms-path">{m('sitePath', { path: `/${props.item.sitePath}` })}</span>
          </Show>
          {' · '}
          <A href={`/web-hosting/pages/${encodeURIComponent(props.item.id)}/revisions`}>{m('revisionsLink')}</A>
        </p>
      </PageHeading>
      <SuccessNotice focus message={notice()} />
      <ErrorNotice message={failure()} />
      <Show when={!canWrite()}>
        <p class="notice">{m('readOnly')}</p>
      </Show>
      <div class="cms-editor">
        <form
          class="form"
          aria-label={m('editorTitle', { title: props.item.title })}
          onSubmit={(event) => {
            event.preventDefault();
            void save(false).then((ok) => ok && setNotice(m('saved')));
          }}
        >
          <Show when={Object.keys(saveErrors()).length > 0}>
            <ErrorSummary title={m('saveErrors')} errors={saveErrors()} labels={errorLabels()} idPrefix="field-" />
          </Show>
          <Show when={formKey()} keyed>
            {(_key) => (
              <fieldset disabled={!canWrite()} class="cms-fieldset">
                <legend class="visually-hidden">{props.item.title}</legend>
                <section class="cms-section" aria-labelledby="section-header">
                  <h2 id="section-header" tabindex="-1">
                    {m('header')}
                  </h2>
                  <div classList={{ 'cms-has-issue': !!issuesByTarget().title }}>
                    <TextField
                      id="field-title"
                      label={m('title')}
                      required
                      maxLength={255}
                      value={form.title}
                      onValue={(value) => change(() => setForm('title', value))}
                      hint={issuesByTarget().title?.join(' ')}
                      error={saveErrors().title}
                    />
                  </div>
                  <LongText
                    id="field-summary"
                    label={m('summary')}
                    hint={[m('summaryHint'), ...(issuesByTarget().summary ?? [])].join(' ')}
                    issue={!!issuesByTarget().summary}
                    error={saveErrors().summary}
                    maxLength={500}
                    value={form.summary}
                    onValue={(value) => change(() => setForm('summary', value))}
                  />
                  <Choices
                    id="field-topics"
                    legend={m('topics')}
                    hint={[definition().topicsRequired ? m('topicsHint') : '', ...(issuesByTarget().topics ?? [])].filter(Boolean).join(' ')}
                    issue={!!issuesByTarget().topics}
                    error={saveErrors().topics}
                    options={vocabularies.topics.map((term: VocabularyTerm) => ({ value: term.key, label: term[locale()] }))}
                    value={form.topics}
                    onValue={(value) => change(() => setForm('topics', value))}
                  />
                </section>
                <For each={definition().sections}>
                  {(section) => (
                    <SectionFields
                      section={section}
                      item={props.item}
                      values={form.fields}
                      onValue={setField}
                      issues={issuesByTarget()}
                      errors={saveErrors()}
                      readOnly={!canWrite()}
                      attachmentNames={attachmentNames()}
                      onAttachmentName={(id, name) => setAttachmentNames((names) => ({ ...names, [id]: name }))}
                    />
                  )}
                </For>
              </fieldset>
            )}
          </Show>
          <Show when={canWrite()}>
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={saving()}>
                {saving() ? t('common.saving') : m('save')}
              </button>
            </div>
          </Show>
        </form>

        <aside class="cms-side" aria-label={m('publication')}>
          <section class="cms-panel" aria-labelledby="save-state-title">
            <h2 id="save-state-title">{m('saveState')}</h2>
            <p class="cms-save-state" data-state={saveState()} role="status" aria-live="polite">
              <Switch>
                <Match when={saveState() === 'saving'}>{m('savingNow')}</Match>
                <Match when={saveState() === 'unsaved'}>{m('unsaved')}</Match>
                <Match when={saveState() === 'saved'}>{savedAt() ? m('savedAt', { time: formatDateTime(savedAt()) }) : m('saved')}</Match>
              </Switch>
            </p>
            <Show when={canWrite()}>
              <p class="hint">{m('autosaveHint')}</p>
            </Show>
          </section>
          <section class="cms-panel" classList={{ 'cms-issues': issues().length > 0 }} aria-labelledby="issues-title">
            <h2 id="issues-title">{issues().length > 0 ? m('missingTitle') : m('publication')}</h2>
            <Show when={issues().length > 0} fallback={<p>{props.item.headRevision ? m('missingNone') : m('saveFirst')}</p>}>
              <ul>
                <For each={issues()}>
                  {(issue) => (
                    <li>
                      <a
                        href={`#${issueAnchor(issue)}`}
                        on:click={(event) => {
                          event.preventDefault();
                          const target = document.getElementById(issueAnchor(issue));
                          target?.scrollIntoView({ block: 'center' });
                          target?.focus();
                        }}
                      >
                        {issueText(issue)}
                      </a>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
          <PublicationPanel
            item={props.item}
            version={version()}
            dirty={dirty() || saving()}
            hasIssues={issues().length > 0}
            canWrite={canWrite()}
            canPublish={canPublish()}
            canReview={canReview()}
            onDone={(message, newVersion) => {
              if (newVersion) setVersion(newVersion);
              setNotice(message);
              props.reload();
            }}
            onStale={() => {
              setFailure(m('stale'));
              reloadWhenFresh = true;
              props.reload();
            }}
          />
        </aside>
      </div>
    </>
  );
}

function SectionFields(props: {
  section: SectionDefinition;
  item: Item;
  values: Record<string, unknown>;
  onValue: (key: string, value: unknown) => void;
  issues: Record<string, string[]>;
  errors: Record<string, string>;
  readOnly: boolean;
  attachmentNames: Record<string, string>;
  onAttachmentName: (id: string, name: string) => void;
}) {
  const sectionIssues = () => props.issues[`section:${props.section.key}`];
  return (
    <section class="cms-section" aria-labelledby={`section-${props.section.key}`}>
      <h2 id={`section-${props.section.key}`} tabindex="-1">
        {props.section.label[locale()]}
        <Show when={props.section.required}>
          <span class="visually-hidden"> ({m('requiredSection')})</span>
          <span class="required" aria-hidden="true">
            {' '}*
          </span>
        </Show>
      </h2>
      <Show when={sectionIssues()}>
        <For each={sectionIssues()}>{(text) => <p class="cms-issue">{text}</p>}</For>
      </Show>
      <For each={props.section.fields}>
        {(field) => (
          <FieldInput
            field={field}
            sectionLabel={props.section.label[locale()]}
            item={props.item}
            value={props.values[field.key]}
            onValue={(value) => props.onValue(field.key, value)}
            issue={props.issues[field.key]?.join(' ')}
            error={props.errors[field.key]}
            readOnly={props.readOnly}
            attachmentNames={props.attachmentNames}
            onAttachmentName={props.onAttachmentName}
          />
        )}
      </For>
    </section>
  );
}

function FieldInput(props: {
  field: FieldDefinition;
  /** A field named as its section is labelled for assistive technology only: the section's heading shows the name. */
  sectionLabel: string;
  item: Item;
  value: unknown;
  onValue: (value: unknown) => void;
  issue: string | undefined;
  error: string | undefined;
  readOnly: boolean;
  attachmentNames: Record<string, string>;
  onAttachmentName: (id: string, name: string) => void;
}) {
  const id = () => `field-${props.field.key}`;
  const label = () => props.field.label[locale()];
  const text = () => (typeof props.value === 'string' ? props.value : '');
  const list = () => (Array.isArray(props.value) ? (props.value as string[]) : []);
  const field = props.field;
  const pagesOf = (to: readonly ContentTypeName[]) =>
    props.item.site.contents
      .filter((page: SitePage) => to.includes(page.type as ContentTypeName) && page.id !== props.item.id)
      .map((page: SitePage) => ({ value: rawId(page.id), label: page.title }));
  const noPages = (to: readonly ContentTypeName[]) => m('noPagesOfType', { types: to.map((type) => contentTypeDefinitions[type].label[locale()]).join(', ') });
  return (
    <div classList={{ 'cms-has-issue': !!props.issue }}>
      <Switch>
        <Match when={field.kind === 'text' || field.kind === 'url' || field.kind === 'email' || field.kind === 'phone'}>
          <TextField
            id={id()}
            label={label()}
            required={field.required}
            type={field.kind === 'url' ? 'url' : field.kind === 'email' ? 'email' : field.kind === 'phone' ? 'tel' : 'text'}
            maxLength={'max' in field ? field.max : undefined}
            value={text()}
            onValue={(value) => props.onValue(value)}
            hint={props.issue}
            error={props.error}
          />
        </Match>
        <Match when={field.kind === 'longText'}>
          <LongText id={id()} label={label()} required={field.required} hint={props.issue} issue={!!props.issue} error={props.error} value={text()} onValue={(value) => props.onValue(value)} />
        </Match>
        <Match when={field.kind === 'richText'}>
          <RichTextField id={id()} label={label()} hideLabel={label() === props.sectionLabel} required={field.required} issue={props.issue} error={props.error} readOnly={props.readOnly} value={props.value} onValue={props.onValue} />
        </Match>
        <Match when={field.kind === 'date'}>
          <DateField id={id()} label={label()} required={field.required} value={text()} onValue={(value) => props.onValue(value || null)} hint={props.issue} error={props.error} />
        </Match>
        <Match when={field.kind === 'dateTime'}>
          <TextField
            id={id()}
            type="datetime-local"
            label={label()}
            required={field.required}
            value={toLocalInput(text())}
            onValue={(value) => props.onValue(fromLocalInput(value))}
            hint={props.issue}
            error={props.error}
          />
        </Match>
        <Match when={field.kind === 'boolean'}>
          <div class="cms-check">
            <input
              id={id()}
              type="checkbox"
              checked={props.value === true}
              aria-describedby={props.issue || props.error ? `${id()}-note` : undefined}
              onChange={(event) => props.onValue(event.currentTarget.checked)}
            />
            <label for={id()}>{label()}</label>
            <Show when={props.issue || props.error}>
              <p id={`${id()}-note`} class={props.error ? 'field-error' : 'cms-issue'}>
                {props.error ?? props.issue}
              </p>
            </Show>
          </div>
        </Match>
        <Match when={field.kind === 'term'}>
          <SelectField
              id={id()}
              label={label()}
              required={field.required}
              empty={m('noneChosen')}
              value={text()}
              onValue={(value) => props.onValue(value || null)}
              options={termsOf(field)}
              hint={props.issue}
              error={props.error}
            />
        </Match>
        <Match when={field.kind === 'terms'}>
            <Choices
              id={id()}
              legend={label()}
              required={field.required}
              hint={props.issue}
              issue={!!props.issue}
              error={props.error}
              options={termsOf(field)}
              value={list()}
              onValue={props.onValue}
            />
        </Match>
        <Match when={field.kind === 'reference'}>
          {(() => {
            const to = targetsOf(field);
            return (
              <SelectField
                id={id()}
                label={label()}
                required={field.required}
                empty={m('noneChosen')}
                value={text()}
                onValue={(value) => props.onValue(value || null)}
                options={pagesOf(to)}
                hint={[props.issue, pagesOf(to).length === 0 ? noPages(to) : ''].filter(Boolean).join(' ') || undefined}
                error={props.error}
              />
            );
          })()}
        </Match>
        <Match when={field.kind === 'references'}>
          {(() => {
            const to = targetsOf(field);
            return (
              <Choices
                id={id()}
                legend={label()}
                required={field.required}
                hint={[props.issue, pagesOf(to).length === 0 ? noPages(to) : ''].filter(Boolean).join(' ') || undefined}
                issue={!!props.issue}
                error={props.error}
                options={pagesOf(to)}
                value={list()}
                onValue={props.onValue}
              />
            );
          })()}
        </Match>
        <Match when={field.kind === 'attachment' || field.kind === 'attachments'}>
          <Attachments
            id={id()}
            label={label()}
            required={field.required}
            multiple={field.kind === 'attachments'}
            item={props.item}
            value={field.kind === 'attachments' ? list() : text() ? [text()] : []}
            onValue={(ids) => props.onValue(field.kind === 'attachments' ? ids : (ids[0] ?? null))}
            issue={props.issue}
            error={props.error}
            readOnly={props.readOnly}
            names={props.attachmentNames}
            onName={props.onAttachmentName}
          />
        </Match>
      </Switch>
    </div>
  );
}

const termsOf = (field: FieldDefinition) =>
  'vocabulary' in field ? vocabularies[field.vocabulary].map((entry: VocabularyTerm) => ({ value: entry.key, label: entry[locale()] })) : [];
const targetsOf = (field: FieldDefinition): readonly ContentTypeName[] => ('to' in field ? field.to : []);

/** Where a field's hint and error are, for aria-describedby. */
const describedBy = (id: string, hint: string | undefined, error: string | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function FieldNotes(props: { id: string; hint?: string | undefined; issue?: boolean; error?: string | undefined }) {
  return (
    <>
      <Show when={props.hint}>
        <p class="hint" classList={{ 'cms-issue': !!props.issue }} id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={`${props.id}-error`}>
          <span class="visually-hidden">{t('common.error')}: </span>
          {props.error}
        </p>
      </Show>
    </>
  );
}

function LongText(props: { id: string; label: string; required?: boolean; hint?: string | undefined; issue?: boolean; error?: string | undefined; maxLength?: number; value: string; onValue: (value: string) => void }) {
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
      <FieldNotes id={props.id} hint={props.hint} issue={props.issue} error={props.error} />
      <textarea
        id={props.id}
        name={props.id}
        class="cms-textarea"
        rows={3}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        value={props.value}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
    </div>
  );
}

/** A set of checkboxes: topics, life events, references to several pages. */
function Choices(props: {
  id: string;
  legend: string;
  required?: boolean;
  hint?: string | undefined;
  issue?: boolean;
  error?: string | undefined;
  options: readonly { value: string; label: string }[];
  value: readonly string[];
  onValue: (value: string[]) => void;
}) {
  const toggle = (key: string, on: boolean) => props.onValue(on ? [...props.value.filter((v) => v !== key), key] : props.value.filter((v) => v !== key));
  return (
    <fieldset id={props.id} class="cms-choices" tabindex="-1" aria-describedby={describedBy(props.id, props.hint, props.error)} classList={{ 'field-invalid': !!props.error }}>
      <legend>
        {props.legend}
        <Show when={props.required}>
          <span class="required" aria-hidden="true">
            {' '}*
          </span>
        </Show>
      </legend>
      <FieldNotes id={props.id} hint={props.hint} issue={props.issue} error={props.error} />
      <div class="cms-choices-list">
        <For each={props.options}>
          {(option, index) => (
            <label>
              <input
                type="checkbox"
                id={`${props.id}-${index()}`}
                name={props.id}
                value={option.value}
                checked={props.value.includes(option.value)}
                onChange={(event) => toggle(option.value, event.currentTarget.checked)}
              />
              {option.label}
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}

function RichTextField(props: { id: string; label: string; hideLabel?: boolean; required?: boolean; issue?: string | undefined; error?: string | undefined; readOnly: boolean; value: unknown; onValue: (value: unknown) => void }) {
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <span class="cms-field-label" classList={{ 'visually-hidden': !!props.hideLabel }} id={`${props.id}-label`}>
        {props.label}
        <Show when={props.required}>
          <span class="required" aria-hidden="true">
            {' '}*
          </span>
        </Show>
      </span>
      <FieldNotes id={props.id} hint={props.issue} issue={!!props.issue} error={props.error} />
      <Suspense fallback={<p class="loading">{m('richLoading')}</p>}>
        <RichTextEditor
          id={props.id}
          labelId={`${props.id}-label`}
          label={props.label}
          describedBy={describedBy(props.id, props.issue, props.error)}
          invalid={!!props.error}
          readOnly={props.readOnly}
          value={props.value}
          onChange={props.onValue}
        />
      </Suspense>
    </div>
  );
}

function Attachments(props: {
  id: string;
  label: string;
  required?: boolean;
  multiple: boolean;
  item: Item;
  value: readonly string[];
  onValue: (ids: string[]) => void;
  issue?: string | undefined;
  error?: string | undefined;
  readOnly: boolean;
  names: Record<string, string>;
  onName: (id: string, name: string) => void;
}) {
  const [, upload] = createMutation(Upload);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const nameOf = (id: string) => props.names[id] ?? m('attachmentName', { id: id.slice(0, 8) });
  async function choose(file: File | undefined, input: HTMLInputElement) {
    if (!file) return;
    setBusy(file.name);
    setResult(null);
    const outcome = await upload({ siteId: props.item.site.id, itemId: props.item.id, file });
    setBusy(null);
    input.value = '';
    const value = outcome.data?.uploadContentAttachment;
    if (outcome.error || !value) return setResult({ ok: false, text: m('attachmentFailed', { reason: outcome.error?.message ?? '' }) });
    if (value.__typename === 'ContentAttachment') {
      const id = rawId(value.id);
      props.onName(id, value.fileName);
      props.onValue(props.multiple ? [...props.value, id] : [id]);
      return setResult({ ok: true, text: m('attachmentUploaded', { file: value.fileName }) });
    }
    if (value.__typename === 'InputError') return setResult({ ok: false, text: m('attachmentFailed', { reason: value.issues.map((issue) => issue.message).join('; ') }) });
    if (isTypedError(value)) setResult({ ok: false, text: m('attachmentFailed', { reason: describeTypedError(value) }) });
  }
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
      <FieldNotes id={props.id} hint={props.issue} issue={!!props.issue} error={props.error} />
      <Show when={props.value.length > 0} fallback={<p class="muted">{m('attachmentNone')}</p>}>
        <ul>
          <For each={props.value}>
            {(id) => (
              <li>
                <button type="button" class="link-button" onClick={() => void downloadFromRoute(`/web-hosting/attachments/${id}`, nameOf(id))}>
                  {m('attachmentDownload', { file: nameOf(id) })}
                </button>{' '}
                <Show when={!props.readOnly}>
                  <button type="button" class="button-secondary" onClick={() => props.onValue(props.value.filter((other) => other !== id))}>
                    {m('attachmentRemove', { file: nameOf(id) })}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <input
        id={props.id}
        name={props.id}
        type="file"
        disabled={props.readOnly || !!busy()}
        aria-describedby={describedBy(props.id, props.issue, props.error)}
        onChange={(event) => void choose(event.currentTarget.files?.[0], event.currentTarget)}
      />
      <p role="status" aria-live="polite" class={result()?.ok === false ? 'field-error' : 'hint'}>
        {busy() ? m('attachmentUploading', { file: busy()! }) : (result()?.text ?? '')}
      </p>
    </div>
  );
}

function PublicationPanel(props: {
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
