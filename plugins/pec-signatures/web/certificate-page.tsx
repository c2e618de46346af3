// One signature certificate with its device: created for a body (`/pec-signatures/certificates/new`)
// or edited by whoever may write PEC data of its body; suspended, reactivated or revoked after a
// confirmation (a revoked certificate stays revoked). Read-only for the others.
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
import { CertificateStatusPanel } from './certificate-status.tsx';
import { DEVICE_TYPES, type DeviceType } from './codes.ts';
import { dayEnd, dayOf, dayStart, optionalText } from './form-text.ts';
import { m } from './messages.ts';

const CertificateQuery = graphql(`
  query PecCertificate($id: ID!) {
    node(id: $id) {
      __typename
      ... on SignatureCertificate {
        id
        version
        holderName
        holderTaxCode
        deviceType
        deviceSerialNumber
        issuer
        serialNumber
        validFrom
        validTo
        status
        entity {
          id
          name
        }
      }
    }
  }
`);

const CreateCertificate = graphql(`
  mutation PecCreateCertificate($input: SignatureCertificateInput!) {
    createSignatureCertificate(input: $input) {
      __typename
      ... on SignatureCertificate {
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

const UpdateCertificate = graphql(`
  mutation PecUpdateCertificate($id: ID!, $expectedVersion: Int!, $input: SignatureCertificateInput!) {
    updateSignatureCertificate(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on SignatureCertificate {
        id
        version
        holderName
        status
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

type Certificate = Extract<NonNullable<ResultOf<typeof CertificateQuery>['node']>, { __typename: 'SignatureCertificate' }>;
const FIELDS = ['entityId', 'holderName', 'holderTaxCode', 'deviceType', 'deviceSerialNumber', 'issuer', 'serialNumber', 'validFrom', 'validTo'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;

const formFrom = (certificate: Certificate): Form => ({
  entityId: certificate.entity?.id ?? '',
  holderName: certificate.holderName,
  holderTaxCode: certificate.holderTaxCode,
  deviceType: certificate.deviceType,
  deviceSerialNumber: certificate.deviceSerialNumber ?? '',
  issuer: certificate.issuer,
  serialNumber: certificate.serialNumber,
  validFrom: dayOf(certificate.validFrom),
  validTo: dayOf(certificate.validTo),
});

const labels = (): Record<Field, string> => ({
  entityId: m('body'),
  holderName: m('holderName'),
  holderTaxCode: m('taxCode'),
  deviceType: m('deviceType'),
  deviceSerialNumber: m('deviceSerialNumber'),
  issuer: m('issuer'),
  serialNumber: m('serialNumber'),
  validFrom: m('validFrom'),
  validTo: m('validTo'),
});

export default function CertificatePage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ body: string; created: string }>();
  const navigate = useNavigate();
  const shell = useShell();
  const isNew = () => params.id === 'new';
  const [result, reload] = createQuery({ query: CertificateQuery, variables: () => ({ id: decodeURIComponent(params.id) }), pause: () => isNew() });
  const certificate = () => (result.data?.node?.__typename === 'SignatureCertificate' ? result.data.node : undefined);
  const writableBodies = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:write');
  const [form, setForm] = createStore<Form>({
    entityId: '',
    holderName: '',
    holderTaxCode: '',
    deviceType: 'SMART_CARD',
    deviceSerialNumber: '',
    issuer: '',
    serialNumber: '',
    validFrom: '',
    validTo: '',
  });
  const [loadedId, setLoadedId] = createSignal<string>();
  const [version, setVersion] = createSignal(0);
  const [loadedForm, setLoadedForm] = createSignal<Form>();
  const [awaitedVersion, setAwaitedVersion] = createSignal<number>();
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const [saved, setSaved] = createSignal<string | null>(null);
  // The page stays mounted from `new` to the created record: the notice follows the address.
  createEffect(on(() => search.created, (created) => created && setSaved(m('certificateCreated'))));
  const [saving, setSaving] = createSignal(false);
  const errors = createFieldErrors(FIELDS);

  createEffect(() => {
    if (!isNew() || form.entityId) return;
    const bodies = writableBodies();
    setForm('entityId', bodies.find((body) => body.id === search.body)?.id ?? (bodies.length === 1 ? bodies[0]!.id : ''));
  });
  createEffect(() => {
    const current = certificate();
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

  const canWrite = () =>
    isNew() ? writableBodies().length > 0 : !!certificate()?.entity && shell().access.can('pec-signatures:write', certificate()!.entity!.id);
  const [, create] = createMutation(CreateCertificate);
  const [, update] = createMutation(UpdateCertificate);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    const own: Partial<Record<Field, string>> = {};
    if (!form.entityId) own.entityId = m('chooseBody');
    if (!form.validFrom) own.validFrom = m('required');
    if (!form.validTo) own.validTo = m('required');
    if (Object.keys(own).length > 0) return errors.set(own);
    errors.clear();
    const input = {
      entityId: form.entityId,
      holderName: form.holderName.trim(),
      holderTaxCode: form.holderTaxCode.trim().toUpperCase(),
      deviceType: form.deviceType as DeviceType,
      deviceSerialNumber: optionalText(form.deviceSerialNumber),
      issuer: form.issuer.trim(),
      serialNumber: form.serialNumber.trim(),
      validFrom: dayStart(form.validFrom),
      validTo: dayEnd(form.validTo),
    };
    setSaving(true);
    const outcome = isNew()
      ? await create({ input }).then((r) => ({ error: r.error, value: r.data?.createSignatureCertificate }))
      : await update({ id: certificate()!.id, expectedVersion: version(), input }).then((r) => ({ error: r.error, value: r.data?.updateSignatureCertificate }));
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
    if (value.__typename === 'SignatureCertificate') {
      if (isNew()) return navigate(`/pec-signatures/certificates/${encodeURIComponent(value.id)}?created=1`, { replace: true });
      if ('version' in value) setVersion(value.version);
      setLoadedForm({ ...form });
      setSaved(m('certificateSaved'));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const bind = (name: Field) => ({ id: `certificate-${name}`, label: labels()[name], value: form[name], onValue: (value: string) => setForm(name, value), error: errors.of(name) });

  const body = (current: () => Certificate | undefined) => (
    <>
      <p class="breadcrumb">
        <A href="/pec-signatures">{t('common.back')}</A>
      </p>
      <PageHeading title={current() ? m('certificateTitle', { holder: current()!.holderName }) : m('certificateTitleNew')}>
        <Show when={current()}>
          {(existing) => (
            <p class="lead">
              {existing().entity?.name} · {m(`certStatuses.${existing().status}`)}
            </p>
          )}
        </Show>
      </PageHeading>
      <Show when={errors.any()}>
        <ErrorSummary title={m('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="certificate-" />
      </Show>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice focus message={saved()} />
      <Show when={!canWrite()}>
        <p class="notice notice-info">{m('readOnly')}</p>
      </Show>
      <form class="form form-grid" onSubmit={(event) => void save(event)} aria-label={current() ? m('certificateTitle', { holder: current()!.holderName }) : m('certificateTitleNew')}>
        <fieldset disabled={!canWrite() || saving()}>
          <legend>{m('certificateDetails')}</legend>
          <Show when={isNew()} fallback={<TextField {...bind('entityId')} value={current()?.entity?.name ?? ''} readOnly onValue={() => undefined} />}>
            <SelectField
              {...bind('entityId')}
              required
              empty={writableBodies().length === 1 ? undefined : m('chooseBody')}
              options={writableBodies().map((body) => ({ value: body.id, label: body.name }))}
            />
          </Show>
          <TextField {...bind('holderName')} required autocomplete="off" />
          <TextField {...bind('holderTaxCode')} required hint={m('holderTaxCodeHint')} autocomplete="off" />
          <TextField {...bind('issuer')} required />
          <TextField {...bind('serialNumber')} required autocomplete="off" />
          <DateField {...bind('validFrom')} required />
          <DateField {...bind('validTo')} required />
        </fieldset>
        <fieldset disabled={!canWrite() || saving()}>
          <legend>{m('deviceDetails')}</legend>
          <SelectField {...bind('deviceType')} required options={DEVICE_TYPES.map((device) => ({ value: device, label: m(`devices.${device}`) }))} />
          <TextField {...bind('deviceSerialNumber')} autocomplete="off" />
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
          <CertificateStatusPanel
            id={existing().id}
            holder={existing().holderName}
            status={existing().status}
            canWrite={canWrite()}
            version={version()}
            onChanged={(next) => {
              setVersion(next);
              reload({ requestPolicy: 'network-only' });
            }}
          />
        )}
      </Show>
    </>
  );

  return (
    <Show when={!isNew()} fallback={body(() => undefined)}>
      <NodePage error={result.error} loaded={!!result.data} node={certificate()} notFound={m('certificateNotFound')}>
        {(current) => body(current)}
      </NodePage>
    </Show>
  );
}
