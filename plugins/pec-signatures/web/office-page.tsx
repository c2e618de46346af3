// One registry office (AOO): created for a body (`/pec-signatures/offices/new`) or edited (code and
// name); its protocol system and the API token it uses are linked by whoever manages API tokens.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  formatDateTime,
  graphql,
  isStaleVersion,
  isTypedError,
  NodePage,
  PageHeading,
  type ResultOf,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { m } from './messages.ts';
import { ProtocolSystemForm } from './protocol-system-form.tsx';

const OfficeQuery = graphql(`
  query PecRegistryOffice($id: ID!) {
    node(id: $id) {
      __typename
      ... on RegistryOffice {
        id
        version
        code
        name
        entity {
          id
          name
        }
        protocolSystem {
          name
          tokenName
          tokenPrefix
          tokenUsable
          tokenLastUsedAt
        }
        mailboxes {
          id
          address
        }
      }
    }
  }
`);

const CreateOffice = graphql(`
  mutation PecCreateRegistryOffice($input: CreateRegistryOfficeInput!) {
    createRegistryOffice(input: $input) {
      __typename
      ... on RegistryOffice {
        id
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
          minimum
          maximum
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const UpdateOffice = graphql(`
  mutation PecUpdateRegistryOffice($id: ID!, $expectedVersion: Int!, $input: RegistryOfficeInput!) {
    updateRegistryOffice(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on RegistryOffice {
        id
        version
        code
        name
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
          minimum
          maximum
        }
      }
      ... on StaleVersionError {
        currentVersion
      }
      ... on Error {
        message
      }
    }
  }
`);

type Office = Extract<NonNullable<ResultOf<typeof OfficeQuery>['node']>, { __typename: 'RegistryOffice' }>;
const FIELDS = ['entityId', 'code', 'name'] as const;
type Field = (typeof FIELDS)[number];

const labels = (): Record<Field, string> => ({ entityId: m('body'), code: m('officeCode'), name: m('officeName') });

export default function OfficePage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ body: string; created: string }>();
  const navigate = useNavigate();
  const shell = useShell();
  const isNew = () => params.id === 'new';
  const [result, reload] = createQuery({ query: OfficeQuery, variables: () => ({ id: decodeURIComponent(params.id) }), pause: () => isNew() });
  const office = () => (result.data?.node?.__typename === 'RegistryOffice' ? result.data.node : undefined);
  const writableBodies = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:write');
  const [form, setForm] = createStore<Record<Field, string>>({ entityId: '', code: '', name: '' });
  const [loadedId, setLoadedId] = createSignal<string>();
  const [version, setVersion] = createSignal(0);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const [saved, setSaved] = createSignal<string | null>(null);
  // The page stays mounted from `new` to the created record: the notice follows the address.
  createEffect(on(() => search.created, (created) => created && setSaved(m('officeCreated'))));
  const [saving, setSaving] = createSignal(false);
  const errors = createFieldErrors(FIELDS);

  createEffect(() => {
    if (!isNew() || form.entityId) return;
    const bodies = writableBodies();
    setForm('entityId', bodies.find((body) => body.id === search.body)?.id ?? (bodies.length === 1 ? bodies[0]!.id : ''));
  });
  createEffect(() => {
    const current = office();
    if (!current) return;
    // Filled once per office, and again with the current version after a lost race.
    if (loadedId() !== current.id || current.version > version()) {
      if (loadedId() === current.id) setFailure({ message: t('errors.staleVersion', { version: String(current.version) }) });
      else setForm({ entityId: current.entity?.id ?? '', code: current.code, name: current.name });
      setVersion(current.version);
      setLoadedId(current.id);
    }
  });

  const canWrite = () => (isNew() ? writableBodies().length > 0 : !!office()?.entity && shell().access.can('pec-signatures:write', office()!.entity!.id));
  const [, create] = createMutation(CreateOffice);
  const [, update] = createMutation(UpdateOffice);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    if (!form.entityId) return errors.set({ entityId: m('chooseBody') });
    errors.clear();
    setSaving(true);
    const outcome = isNew()
      ? await create({ input: { entityId: form.entityId, code: form.code.trim(), name: form.name.trim() } }).then((r) => ({ error: r.error, value: r.data?.createRegistryOffice }))
      : await update({ id: office()!.id, expectedVersion: version(), input: { code: form.code.trim(), name: form.name.trim() } }).then((r) => ({
          error: r.error,
          value: r.data?.updateRegistryOffice,
        }));
    setSaving(false);
    const value = outcome.value;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      // What was typed stays in the form; the next save goes against the version now stored.
      setFailure({ message: describeTypedError(value) });
      reload({ requestPolicy: 'network-only' });
      return;
    }
    if (value.__typename === 'RegistryOffice') {
      if (isNew()) return navigate(`/pec-signatures/offices/${encodeURIComponent(value.id)}?created=1`, { replace: true });
      if ('version' in value) setVersion(value.version);
      setSaved(m('officeSaved'));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const bind = (name: Field) => ({ id: `office-${name}`, label: labels()[name], value: form[name], onValue: (value: string) => setForm(name, value), error: errors.of(name) });

  const body = (current: () => Office | undefined) => (
    <>
      <p class="breadcrumb">
        <A href="/pec-signatures">{t('common.back')}</A>
      </p>
      <PageHeading title={current() ? m('officeTitle', { code: current()!.code }) : m('officeTitleNew')}>
        <Show when={current()}>{(office) => <p class="lead">{office().name} · {office().entity?.name}</p>}</Show>
      </PageHeading>
      <Show when={errors.any()}>
        <ErrorSummary title={m('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="office-" />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice focus message={saved()} />
      <Show when={!canWrite()}>
        <p class="notice notice-info">{m('readOnly')}</p>
      </Show>
      <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="office-details-title">
        <fieldset disabled={!canWrite() || saving()}>
          <legend id="office-details-title">{m('offices')}</legend>
          <Show when={isNew()} fallback={<TextField {...bind('entityId')} value={current()?.entity?.name ?? ''} readOnly onValue={() => undefined} />}>
            <SelectField
              {...bind('entityId')}
              required
              empty={writableBodies().length === 1 ? undefined : m('chooseBody')}
              options={writableBodies().map((body) => ({ value: body.id, label: body.name }))}
            />
          </Show>
          <TextField {...bind('code')} required hint={m('officeCodeHint')} autocomplete="off" />
          <TextField {...bind('name')} required />
        </fieldset>
        <Show when={canWrite()}>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={saving()}>
              {saving() ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </Show>
        <Show when={errors.of('')}>
          <ErrorNotice message={errors.of('')} />
        </Show>
      </form>
      <Show when={current()}>
        {(existing) => (
          <section aria-labelledby="office-protocol-title">
            <h2 id="office-protocol-title">{m('protocolSystem')}</h2>
            <Show when={existing().protocolSystem} fallback={<p>{m('noProtocolSystem')}</p>}>
              {(system) => (
                <p>
                  {system().name ?? '—'}
                  <Show when={system().tokenPrefix}>
                    {' · '}
                    {system().tokenName} (gea_{system().tokenPrefix}_…){' · '}
                    {system().tokenUsable ? (system().tokenLastUsedAt ? m('tokenLastUsed', { when: formatDateTime(system().tokenLastUsedAt) }) : m('tokenNeverUsed')) : m('tokenUnusable')}
                  </Show>
                </p>
              )}
            </Show>
            <Show when={canWrite()}>
              <Show when={shell().access.can('core:tokens:write')} fallback={<p class="muted">{m('protocolSystemReadOnly')}</p>}>
                <ProtocolSystemForm
                  officeId={existing().id}
                  entityId={existing().entity?.id ?? ''}
                  name={existing().protocolSystem?.name ?? ''}
                  version={version()}
                  onSaved={(next) => {
                    setVersion(next);
                    reload({ requestPolicy: 'network-only' });
                  }}
                />
              </Show>
            </Show>
          </section>
        )}
      </Show>
    </>
  );

  return (
    <Show when={!isNew()} fallback={body(() => undefined)}>
      <NodePage error={result.error} loaded={!!result.data} node={office()} notFound={m('officeNotFound')}>
        {(current) => body(current)}
      </NodePage>
    </Show>
  );
}
