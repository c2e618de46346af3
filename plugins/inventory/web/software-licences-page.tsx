// Software licences of the bodies the reader may see: seats used of the total and the expiry, the
// soonest to expire first; filtered by body and by how soon they expire. Writers get "new licence".
import {
  createListParams,
  createListQuery,
  DataTable,
  FilterForm,
  formatDate,
  formatEuroCents,
  graphql,
  PageHeading,
  SelectField,
  t,
  useShell,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { licenceKindLabel, s } from './software-messages.ts';
import { SoftwareTabs } from './software-tabs.tsx';
import { addDaysIso, licenceName, seatsText, todayIso } from './software-format.ts';

const LicencesQuery = graphql(`
  query InventorySoftwareLicences($first: Int!, $after: String, $filter: SoftwareLicenceFilter) {
    softwareLicences(first: $first, after: $after, filter: $filter) {
      edges {
        node {
          id
          kind
          reference
          seats
          seatsUsed
          validUntil
          costCents
          product {
            id
            name
            publisher
          }
          entities {
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

const EXPIRING = ['30', '90', '365', 'expired'] as const;

export default function SoftwareLicencesPage() {
  const shell = useShell();
  const list = createListParams<'body' | 'expiring'>({ filters: ['body', 'expiring'] });
  const bodies = () => shell().bodiesWithModule('inventory', 'inventory:read');
  const canCreate = () => shell().bodiesWithModule('inventory', 'inventory:write').length > 0;
  const filter = createMemo(() => {
    const { body, expiring } = list.filters();
    const days = Number(expiring);
    return {
      entityIds: body ? [body] : null,
      expiringBefore: expiring === 'expired' ? todayIso() : Number.isInteger(days) && days > 0 ? addDaysIso(todayIso(), days + 1) : null,
    };
  });
  const licences = createListQuery({ query: LicencesQuery, list, variables: () => ({ filter: filter() }), connection: (data) => data.softwareLicences });

  return (
    <>
      <PageHeading title={s('licencesTitle')}>
        <p class="lead">{s('licencesIntro')}</p>
      </PageHeading>
      <SoftwareTabs />
      <Show when={canCreate()}>
        <p>
          <A href="/inventory/software/licences/new" class="button button-primary">
            {s('newLicence')}
          </A>
        </p>
      </Show>
      <FilterForm label={s('filters')} list={list}>
        <Show when={bodies().length > 1}>
          <SelectField
            id="licences-body"
            label={s('body')}
            empty={t('common.all')}
            options={bodies().map((body) => ({ value: body.id, label: body.name }))}
            {...list.field('body')}
          />
        </Show>
        <SelectField
          id="licences-expiring"
          label={s('expiring')}
          empty={s('expiringAny')}
          options={EXPIRING.map((value) => ({ value, label: value === 'expired' ? s('expired') : s('expiringWithin', { days: value }) }))}
          {...list.field('expiring')}
        />
      </FilterForm>
      <DataTable
        label={s('licencesTitle')}
        source={licences}
        empty={s('noLicences')}
        pagerLabel={s('licencesPaging')}
        columns={[
          { header: s('product'), rowHeader: true, width: 'm', phone: true, cell: (licence) => `${licence.product.name} (${licence.product.publisher})` },
          { header: s('reference'), width: 'm', cell: (licence) => licence.reference ?? '—' },
          { header: s('kind'), width: 's', cell: (licence) => licenceKindLabel(licence.kind) },
          { header: s('bodies'), width: 'l', hidden: bodies().length <= 1, cell: (licence) => licence.entities.map((body) => body.name).join(', ') },
          { header: s('seats'), width: 's', nowrap: true, phone: true, cell: (licence) => seatsText(licence) },
          { header: s('validUntil'), width: 's', nowrap: true, phone: true, cell: (licence) => (licence.validUntil ? formatDate(licence.validUntil) : s('perpetual')) },
          { header: s('cost'), width: 's', nowrap: true, numeric: true, cell: (licence) => (licence.costCents === null ? '—' : formatEuroCents(licence.costCents)) },
          {
            header: s('actions'),
            width: 'xs',
            cell: (licence) => (
              <A href={`/inventory/software/licences/${encodeURIComponent(licence.id)}`} aria-label={s('openLabel', { name: licenceName(licence) })}>
                {s('open')}
              </A>
            ),
          },
        ]}
      />
    </>
  );
}
