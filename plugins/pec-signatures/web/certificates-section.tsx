// The signature certificates and their devices: paged, soonest to expire first, filtered by body,
// text, status, device and expiry (filters in the address bar, prefixed `cert-`).
import {
  Badge,
  createListParams,
  createListQuery,
  DataTable,
  FilterForm,
  formatDate,
  formatNumber,
  graphql,
  SelectField,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { CERTIFICATE_STATUSES, DEVICE_TYPES, type CertificateStatus, type DeviceType } from './codes.ts';
import { EXPIRY_WINDOWS, expiryTone } from './expiry.ts';
import { m } from './messages.ts';

const CertificatesQuery = graphql(`
  query PecCertificates($first: Int!, $after: String, $filter: SignatureCertificateFilter) {
    signatureCertificates(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        node {
          id
          holderName
          holderTaxCode
          deviceType
          deviceSerialNumber
          status
          validTo
          daysToExpiry
          entity {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export function CertificatesSection() {
  const shell = useShell();
  const bodies = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:read');
  const writable = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:write');
  const list = createListParams<'cert-body' | 'cert-q' | 'cert-status' | 'cert-device' | 'cert-days'>({
    filters: ['cert-body', 'cert-q', 'cert-status', 'cert-device', 'cert-days'],
    pageSize: 20,
  });
  const filter = createMemo(() => {
    const params = list.filters();
    const days = Number(params['cert-days']);
    return {
      entityId: params['cert-body'] || null,
      text: params['cert-q'].trim() || null,
      status: (CERTIFICATE_STATUSES as readonly string[]).includes(params['cert-status']) ? [params['cert-status'] as CertificateStatus] : null,
      deviceType: (DEVICE_TYPES as readonly string[]).includes(params['cert-device']) ? [params['cert-device'] as DeviceType] : null,
      expiringWithinDays: (EXPIRY_WINDOWS as readonly number[]).includes(days) ? days : null,
    };
  });
  const certificates = createListQuery({
    query: CertificatesQuery,
    list,
    variables: () => ({ filter: filter() }),
    connection: (data) => data.signatureCertificates,
  });
  const canWrite = (entityId: string | undefined) => !!entityId && shell().access.can('pec-signatures:write', entityId);

  return (
    <section aria-labelledby="pec-certificates-title">
      <h2 id="pec-certificates-title">{m('certificates')}</h2>
      <Show when={writable().length > 0}>
        <p>
          <A class="button button-primary" href="/pec-signatures/certificates/new">
            {m('newCertificate')}
          </A>
        </p>
      </Show>
      <FilterForm label={m('certificateFilters')} list={list}>
        <Show when={bodies().length > 1}>
          <SelectField
            id="pec-cert-body"
            label={m('body')}
            empty={t('common.all')}
            options={bodies().map((body) => ({ value: body.id, label: body.name }))}
            {...list.field('cert-body')}
          />
        </Show>
        <TextField id="pec-cert-q" type="search" label={m('search')} hint={m('certificateSearchHint')} {...list.field('cert-q')} />
        <SelectField
          id="pec-cert-status"
          label={m('status')}
          empty={t('common.all')}
          options={CERTIFICATE_STATUSES.map((status) => ({ value: status, label: m(`certStatuses.${status}`) }))}
          {...list.field('cert-status')}
        />
        <SelectField
          id="pec-cert-device"
          label={m('device')}
          empty={t('common.all')}
          options={DEVICE_TYPES.map((device) => ({ value: device, label: m(`devices.${device}`) }))}
          {...list.field('cert-device')}
        />
        <SelectField
          id="pec-cert-days"
          label={m('expiring')}
          empty={m('anyTime')}
          options={EXPIRY_WINDOWS.map((days) => ({ value: String(days), label: m('expiringWithin', { days: String(days) }) }))}
          {...list.field('cert-days')}
        />
      </FilterForm>
      <DataTable
        label={m('certificates')}
        caption={m('certificatesCaption')}
        source={certificates}
        empty={m('noCertificates')}
        pagerLabel={m('certificatePaging')}
        columns={[
          { header: m('holder'), rowHeader: true, width: 'm', phone: true, cell: (certificate) => certificate.holderName },
          { header: m('taxCode'), nowrap: true, width: 'm', cell: (certificate) => certificate.holderTaxCode },
          { header: m('body'), width: 'm', hidden: bodies().length <= 1, cell: (certificate) => certificate.entity?.name },
          { header: m('device'), width: 's', cell: (certificate) => m(`devices.${certificate.deviceType}`) },
          { header: m('status'), width: 's', phone: true, cell: (certificate) => m(`certStatuses.${certificate.status}`) },
          { header: m('validTo'), nowrap: true, width: 's', cell: (certificate) => formatDate(certificate.validTo) },
          {
            header: m('daysLeft'),
            numeric: true,
            width: 's',
            cell: (certificate) => (
              <Badge tone={certificate.status === 'ACTIVE' ? expiryTone(certificate.daysToExpiry) : 'off'}>{formatNumber(certificate.daysToExpiry)}</Badge>
            ),
          },
          {
            header: m('actions'),
            width: 'xs',
            phone: true,
            cell: (certificate) => {
              const write = canWrite(certificate.entity?.id);
              return (
                <A
                  href={`/pec-signatures/certificates/${encodeURIComponent(certificate.id)}`}
                  aria-label={m(write ? 'editLabel' : 'viewLabel', { name: `${certificate.holderName} (${certificate.holderTaxCode})` })}
                >
                  {write ? m('edit') : m('view')}
                </A>
              );
            },
          },
        ]}
      />
    </section>
  );
}
