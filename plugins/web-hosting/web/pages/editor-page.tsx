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
  ErrorNotice,
  ErrorSummary,
  formatDateTime,
  graphql,
  isStaleVersion,
  isTypedError,
  locale,
  NodePage,
  PageHeading,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import { batch, createEffect, createMemo, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { contentTypeDefinitions, type ContentTypeName } from '../../src/model/content-types.ts';
import { emptyValue, fieldsToSave, issueTarget, pageStatus } from '../../src/model/editing.ts';
import { vocabularies, type VocabularyTerm } from '../../src/model/taxonomies.ts';
import { EditorQuery, type Issue, type Item } from './editor-query.ts';
import { Choices, LongText, SectionFields } from './field-inputs.tsx';
import { m, statusTone } from './messages.ts';
import { PublicationPanel } from './publication-panel.tsx';
import './pages.css';

/** How long after the last change the editor saves on its own. */
export const AUTOSAVE_DELAY_MS = 5000;

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

