// One PEC mailbox: created for a body (`/pec-signatures/mailboxes/new`) or edited by whoever may
// write PEC data of its body, with the people who use it; read-only for the others. Field problems
// the API finds are shown next to their fields; a save that lost a race keeps what was typed.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  DateField,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  graphql,
  isStaleVersion,
  isTypedError,
  mergeAfterConflict,
  NodePage,
  NumberField,
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
import { optionalText, parseWhole } from './form-text.ts';
import { MailboxUsers } from './mailbox-users.tsx';
import { m } from './messages.ts';

const MailboxQuery = graphql(`
  query PecMailbox($id: ID!) {
    node(id: $id) {
      __typename
      ... on PecMailbox {
        id
        version
        address
        provider
        quotaMb
        contractReference
        expiresOn
        entity {
          id
          name
        }
        registryOffice {
          id
          code
        }
        users {
          userId
          name
          email
        }
      }
    }
  }
`);

const OfficesOfBody = graphql(`
  query PecOfficesOfBody($entityId: ID!) {
    registryOffices(entityId: $entityId) {
      id
      code
      name
    }
  }
`);

const CreateMailbox = graphql(`
  mutation PecCreateMailbox($input: PecMailboxInput!) {
    createPecMailbox(input: $input) {
      __typename
      ... on PecMailbox {
        id
        version
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

const UpdateMailbox = graphql(`
  mutation PecUpdateMailbox($id: ID!, $expectedVersion: Int!, $input: PecMailboxInput!) {
    updatePecMailbox(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on PecMailbox {
        id
        version
        address
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
        code
        message
      }
    }
  }
`);

type Mailbox = Extract<NonNullable<ResultOf<typeof MailboxQuery>['node']>, { __typename: 'PecMailbox' }>;

const FIELDS = ['entityId', 'registryOfficeId', 'address', 'provider', 'quotaMb', 'contractReference', 'expiresOn'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;

const formFrom = (mailbox: Mailbox): Form => ({
  entityId: mailbox.entity?.id ?? '',
  registryOfficeId: mailbox.registryOffice?.id ?? '',
  address: mailbox.address,
  provider: mailbox.provider,
  quotaMb: String(mailbox.quotaMb),
  contractReference: mailbox.contractReference ?? '',
  expiresOn: mailbox.expiresOn ?? '',
});

const labels = (): Record<Field, string> => ({
  entityId: m('body'),
  registryOfficeId: m('registryOffice'),
  address: m('address'),
  provider: m('provider'),
  quotaMb: m('quotaMb'),
  contractReference: m('contractReference'),
  expiresOn: m('expiresOn'),
});

export default function MailboxPage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ body: string; created: string }>();
  const navigate = useNavigate();
  const shell = useShell();
  const isNew = () => params.id === 'new';
  const [result, reload] = createQuery({ query: MailboxQuery, variables: () => ({ id: decodeURIComponent(params.id) }), pause: () => isNew() });
  const mailbox = () => (result.data?.node?.__typename === 'PecMailbox' ? result.data.node : undefined);
  const writableBodies = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:write');

  const [form, setForm] = createStore<Form>({
    entityId: '',
    registryOfficeId: '',
    address: '',
    provider: '',
    quotaMb: '',
    contractReference: '',
    expiresOn: '',
  });
  const [loadedId, setLoadedId] = createSignal<string>();
  const [version, setVersion] = createSignal(0);
  const [loadedForm, setLoadedForm] = createSignal<Form>();
  const [awaitedVersion, setAwaitedVersion] = createSignal<number>();
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const [saved, setSaved] = createSignal<string | null>(null);
  // The page stays mounted from `new` to the created record: the notice follows the address.
  createEffect(on(() => search.created, (created) => created && setSaved(m('mailboxCreated'))));
  const [saving, setSaving] = createSignal(false);
  const errors = createFieldErrors(FIELDS);

  // A new mailbox starts on the body named in the address, or the only one the person may write for.
  createEffect(() => {
    if (!isNew() || form.entityId) return;
    const bodies = writableBodies();
    const named = bodies.find((body) => body.id === search.body);
    setForm('entityId', named?.id ?? (bodies.length === 1 ? bodies[0]!.id : ''));
  });
  // Filled once per mailbox; after a lost race, merged with what was typed (see asset-page).
  createEffect(() => {
    const current = mailbox();
    if (!current) return;
    if (loadedId() !== current.id) {
      setForm(formFrom(current));
      setLoadedForm(formFrom(current));
      setVersion(current.version);
      setLoadedId(current.id);
      return;
    }
    const awaited = awaitedVersion();
    if (awaited !== undefined && current.version >= awaited) {
      const merge = mergeAfterConflict(FIELDS, loadedForm() ?? formFrom(current), { ...form }, formFrom(current));
      setForm(merge.form);
      setLoadedForm(formFrom(current));
      setVersion(current.version);
      setAwaitedVersion(undefined);
      const names = merge.changedByOthers.map((field) => labels()[field]).join(', ');
      setFailure({
        message: names ? t('errors.staleVersionFields', { version: String(current.version), fields: names }) : t('errors.staleVersion', { version: String(current.version) }),
      });
    }
  });

  const [offices] = createQuery({ query: OfficesOfBody, variables: () => ({ entityId: form.entityId }), pause: () => !form.entityId });
  const canWrite = () => (isNew() ? writableBodies().length > 0 : !!mailbox()?.entity && shell().access.can('pec-signatures:write', mailbox()!.entity!.id));
  const [, create] = createMutation(CreateMailbox);
  const [, update] = createMutation(UpdateMailbox);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    const quotaMb = parseWhole(form.quotaMb);
    const own: Partial<Record<Field, string>> = {};
    if (!form.entityId) own.entityId = m('chooseBody');
    if (quotaMb === undefined) own.quotaMb = m('quotaInvalid');
    if (Object.keys(own).length > 0) {
      errors.set(own);
      return;
    }
    errors.clear();
    const input = {
      entityId: form.entityId,
      registryOfficeId: form.registryOfficeId || null,
      address: form.address.trim(),
      provider: form.provider.trim(),
      quotaMb: quotaMb!,
      contractReference: optionalText(form.contractReference),
      expiresOn: form.expiresOn || null,
    };
    setSaving(true);
    const outcome = isNew()
      ? await create({ input }).then((r) => ({ error: r.error, value: r.data?.createPecMailbox }))
      : await update({ id: mailbox()!.id, expectedVersion: version(), input }).then((r) => ({ error: r.error, value: r.data?.updatePecMailbox }));
    setSaving(false);
    const value = outcome.value;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: describeTypedError(value) });
      setAwaitedVersion(value.currentVersion);
      reload({ requestPolicy: 'network-only' });
      return;
    }
    if (value.__typename === 'PecMailbox') {
      if (isNew()) {
        navigate(`/pec-signatures/mailboxes/${encodeURIComponent(value.id)}?created=1`, { replace: true });
        return;
      }
      setVersion(value.version);
      setLoadedForm({ ...form });
      setSaved(m('mailboxSaved'));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const bind = (name: Field) => ({
    id: `mailbox-${name}`,
    label: labels()[name],
    value: form[name],
    onValue: (value: string) => setForm(name, value),
    error: errors.of(name),
  });

  const body = (current: () => Mailbox | undefined) => (
    <>
      <p class="breadcrumb">
        <A href="/pec-signatures">{t('common.back')}</A>
      </p>
      <PageHeading title={current() ? m('mailboxTitle', { address: current()!.address }) : m('mailboxTitleNew')}>
        <Show when={current()?.entity}>{(entity) => <p class="lead">{entity().name}</p>}</Show>
      </PageHeading>
      <Show when={errors.any()}>
        <ErrorSummary title={m('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="mailbox-" />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice focus message={saved()} />
      <Show when={!canWrite()}>
        <p class="notice notice-info">{m('readOnly')}</p>
      </Show>
      <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="mailbox-details-title">
        <fieldset disabled={!canWrite() || saving()}>
          <legend id="mailbox-details-title">{m('mailboxDetails')}</legend>
          <Show
            when={isNew()}
            fallback={<TextField {...bind('entityId')} value={current()?.entity?.name ?? ''} readOnly onValue={() => undefined} />}
          >
            <SelectField
              {...bind('entityId')}
              required
              empty={writableBodies().length === 1 ? undefined : m('chooseBody')}
              options={writableBodies().map((body) => ({ value: body.id, label: body.name }))}
              onValue={(value) => {
                setForm('entityId', value);
                setForm('registryOfficeId', '');
              }}
            />
          </Show>
          <TextField {...bind('address')} type="email" required autocomplete="off" />
          <TextField {...bind('provider')} required />
          <SelectField
            {...bind('registryOfficeId')}
            empty={m('noOffice')}
            options={(offices.data?.registryOffices ?? []).map((office) => ({ value: office.id, label: `${office.code} · ${office.name}` }))}
          />
          <NumberField {...bind('quotaMb')} required />
          <TextField {...bind('contractReference')} hint={m('contractReferenceHint')} />
          <DateField {...bind('expiresOn')} hint={m('expiresOnHint')} />
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
          <MailboxUsers
            mailboxId={existing().id}
            users={existing().users}
            canWrite={canWrite()}
            version={version()}
            onSaved={(next) => setVersion(next)}
            onStale={() => reload({ requestPolicy: 'network-only' })}
          />
        )}
      </Show>
    </>
  );

  return (
    <Show when={!isNew()} fallback={body(() => undefined)}>
      <NodePage error={result.error} loaded={!!result.data} node={mailbox()} notFound={m('mailboxNotFound')}>
        {(current) => body(current)}
      </NodePage>
    </Show>
  );
}
