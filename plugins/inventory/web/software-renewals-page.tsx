// Renewal planning of one body: what expires and when, by date, with what it costs. Licences
// ending within the horizon (their cost for the term), and equipment that reaches its renewal age
// or the end of its warranty within it (renewalPlans looking from the horizon's end; the purchase
// price as a first estimate of the replacement). A body-scoped reader sees only their body.
import {
  createQuery,
  DataTable,
  ErrorNotice,
  formatDate,
  formatEuroCents,
  graphql,
  PageHeading,
  SelectField,
  useShell,
} from '@gea/web-kit';
import { A, useSearchParams } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { s } from './software-messages.ts';
import { SoftwareTabs } from './software-tabs.tsx';
import { addDaysIso, licenceName, todayIso } from './software-format.ts';

const RenewalsQuery = graphql(`
  query InventoryRenewals($entityId: ID!, $at: Date!, $expiringBefore: Date!) {
    softwareLicences(first: 100, filter: { entityIds: [$entityId], expiringBefore: $expiringBefore }) {
      edges {
        node {
          id
          reference
          validUntil
          costCents
          product {
            id
            name
          }
        }
      }
    }
    renewalPlans(entityIds: [$entityId], criteria: { at: $at, maxAgeYears: 5, warrantyWithinDays: 0 }) {
      entity {
        id
      }
      pastAge {
        id
        inventoryTag
        manufacturer
        model
        purchaseDate
        priceCents
      }
      warrantyEnding {
        id
        inventoryTag
        manufacturer
        model
        warrantyEnd
        priceCents
      }
    }
  }
`);

/** Years after purchase when equipment is due (renewalPlans' maxAgeYears, asked explicitly above). */
const AGE_YEARS = 5;
const HORIZONS = ['6', '12', '24', '36'] as const;

interface RenewalRow {
  key: string;
  date: string;
  item: string;
  href: string;
  why: string;
  costCents: number | null;
}

const addYearsIso = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
const assetName = (asset: { inventoryTag: string | null; manufacturer: string | null; model: string | null }) =>
  [asset.inventoryTag, [asset.manufacturer, asset.model].filter(Boolean).join(' ')].filter(Boolean).join(' · ') || s('untagged');

export default function SoftwareRenewalsPage() {
  const shell = useShell();
  const [params, setParams] = useSearchParams<{ body?: string; months?: string }>();
  const bodies = () => shell().bodiesWithModule('inventory', 'inventory:read');
  // One body: it is the one; several: the reader picks.
  const bodyId = () => (bodies().length === 1 ? bodies()[0]!.id : bodies().find((body) => body.id === params.body)?.id ?? '');
  const months = () => (HORIZONS as readonly string[]).includes(params.months ?? '') ? Number(params.months) : 12;
  const until = () => addDaysIso(todayIso(), Math.round(months() * 30.44));
  const [result] = createQuery({
    query: RenewalsQuery,
    variables: () => ({ entityId: bodyId(), at: until(), expiringBefore: addDaysIso(until(), 1) }),
    pause: () => !bodyId(),
  });

  const rows = createMemo<RenewalRow[] | undefined>(() => {
    const data = result.data;
    if (!data || !bodyId()) return undefined;
    const today = todayIso();
    const licences: RenewalRow[] = data.softwareLicences.edges.flatMap(({ node }) =>
      node.validUntil
        ? [
            {
              key: node.id,
              date: node.validUntil,
              item: licenceName(node),
              href: `/inventory/software/licences/${encodeURIComponent(node.id)}`,
              why: node.validUntil < today ? s('whyLicenceExpired') : s('whyLicence'),
              costCents: node.costCents,
            },
          ]
        : [],
    );
    // An asset both past its age and out of warranty is listed once, at the earlier date.
    const assets = new Map<string, RenewalRow>();
    const plan = data.renewalPlans.find((candidate) => candidate.entity.id === bodyId());
    const add = (row: RenewalRow) => {
      const seen = assets.get(row.key);
      if (!seen || row.date < seen.date) assets.set(row.key, seen ? { ...row, why: `${row.why}; ${seen.why}` } : row);
      else assets.set(row.key, { ...seen, why: `${seen.why}; ${row.why}` });
    };
    for (const asset of plan?.pastAge ?? []) {
      if (!asset.purchaseDate) continue;
      add({
        key: asset.id,
        date: addYearsIso(asset.purchaseDate, AGE_YEARS),
        item: assetName(asset),
        href: `/inventory/assets/${encodeURIComponent(asset.id)}`,
        why: s('whyAge', { date: formatDate(asset.purchaseDate) }),
        costCents: asset.priceCents,
      });
    }
    for (const asset of plan?.warrantyEnding ?? []) {
      if (!asset.warrantyEnd) continue;
      add({
        key: asset.id,
        date: asset.warrantyEnd,
        item: assetName(asset),
        href: `/inventory/assets/${encodeURIComponent(asset.id)}`,
        why: s('whyWarranty'),
        costCents: asset.priceCents,
      });
    }
    return [...licences, ...assets.values()].sort((a, b) => a.date.localeCompare(b.date) || a.item.localeCompare(b.item));
  });

  const total = () => {
    const all = rows() ?? [];
    const known = all.reduce((sum, row) => sum + (row.costCents ?? 0), 0);
    const unknown = all.filter((row) => row.costCents === null).length;
    return unknown > 0 ? s('totalKnown', { total: formatEuroCents(known), unknown: String(unknown) }) : formatEuroCents(known);
  };
  const bodyName = () => bodies().find((body) => body.id === bodyId())?.name ?? '';

  return (
    <>
      <PageHeading title={s('renewalsTitle')}>
        <p class="lead">{s('renewalsIntro')}</p>
      </PageHeading>
      <SoftwareTabs />
      <form class="filters" aria-label={s('renewalsTitle')} onSubmit={(event) => event.preventDefault()}>
        <Show when={bodies().length > 1}>
          <SelectField
            id="renewals-body"
            label={s('renewalsBody')}
            empty={s('chooseBody')}
            value={bodyId()}
            onValue={(value) => setParams({ body: value || undefined })}
            options={bodies().map((body) => ({ value: body.id, label: body.name }))}
          />
        </Show>
        <SelectField
          id="renewals-months"
          label={s('horizon')}
          value={String(months())}
          onValue={(value) => setParams({ months: value })}
          options={HORIZONS.map((value) => ({ value, label: s('horizonMonths', { months: value }) }))}
        />
      </form>
      <Show when={bodyId()} fallback={<p>{s('pickBody')}</p>}>
        <section aria-labelledby="renewals-body-title">
          <h2 id="renewals-body-title">{s('renewalsFor', { body: bodyName() })}</h2>
          <ErrorNotice error={result.error} />
          <DataTable
            label={s('renewalsFor', { body: bodyName() })}
            rows={rows()}
            empty={s('noRenewals')}
            columns={[
              { header: s('date'), width: 's', nowrap: true, phone: true, cell: (row) => formatDate(row.date) },
              { header: s('item'), rowHeader: true, width: 'l', phone: true, cell: (row) => <A href={row.href}>{row.item}</A> },
              { header: s('why'), width: 'l', cell: (row) => row.why },
              { header: s('cost'), width: 's', numeric: true, nowrap: true, phone: true, cell: (row) => (row.costCents === null ? '—' : formatEuroCents(row.costCents)) },
            ]}
          />
          <Show when={(rows() ?? []).length > 0}>
            <p class="renewals-total">
              <strong>{s('total')}:</strong> {total()}
            </p>
          </Show>
        </section>
      </Show>
    </>
  );
}
