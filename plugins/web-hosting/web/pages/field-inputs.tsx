// The editor's fields, one input per kind of the content model: texts, rich text (Tiptap, loaded as
// a chunk of its own), dates, yes/no, terms of closed vocabularies, references to the site's pages of
// the allowed types, attachments uploaded as multipart requests. Each shows what it still lacks to
// be published, and the save's errors.
import { createMutation, DateField, describeTypedError, downloadFromRoute, graphql, isTypedError, locale, rawId, SelectField, t, TextField } from '@gea/web-kit';
import { createSignal, For, lazy, Match, Show, Suspense, Switch } from 'solid-js';
import { contentTypeDefinitions, type ContentTypeName, type FieldDefinition, type SectionDefinition } from '../../src/model/content-types.ts';
import { vocabularies, type VocabularyTerm } from '../../src/model/taxonomies.ts';
import { fromLocalInput, toLocalInput, type Item, type SitePage } from './editor-query.ts';
import { m } from './messages.ts';

const RichTextEditor = lazy(() => import('./rich-text-editor.tsx'));

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


export function SectionFields(props: {
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

/** The star after the label of a field the model requires (decorative: hidden from screen readers). */
function RequiredMark(props: { when?: boolean | undefined }) {
  return (
    <Show when={props.when}>
      <span class="required" aria-hidden="true">
        {' '}*
      </span>
    </Show>
  );
}

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

export function LongText(props: { id: string; label: string; required?: boolean; hint?: string | undefined; issue?: boolean; error?: string | undefined; maxLength?: number; value: string; onValue: (value: string) => void }) {
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <label for={props.id}>
        {props.label}
        <RequiredMark when={props.required} />
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
export function Choices(props: {
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
        <RequiredMark when={props.required} />
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
        <RequiredMark when={props.required} />
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
        <RequiredMark when={props.required} />
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

