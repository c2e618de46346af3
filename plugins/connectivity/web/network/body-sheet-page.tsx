// A body's connectivity sheet: its sites with their coordinates (editable through the core's
// updateSite by whoever may change the body's sites), each site's circuits with terminations, AGCOM
// class, bandwidth, SLA, status and redundancy, a warning on a site left on a single link, the
// redundancy groups, and the `connectivity.body` slot where other screens add their widgets.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  ErrorNotice,
  ErrorSummary,
  graphql,
  NodePage,
  NumberField,
  PageHeading,
  SuccessNotice,
  describeTypedError,
  useShell,
  WidgetSlot,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type {} from './slot.ts';
import { coordinates, formatKbps, m, priorityLabel, statusLabel, technologyLabel } from './messages.ts';
import './network.css';

const SheetQuery = graphql(`
  query ConnectivityBodySheet($id: ID!) {
    node(id: $id) {
      __typename
      ... on Entity {
        id
        name
        sites {
          id
          version
          name
          address
          ictStaffPresent
          latitude
          longitude
          linkCount
          activeLinkCount
        }
        circuits {
          id
          cid
          type
          technology
          agcomClass
          status
          downloadKbps
          uploadKbps
          guaranteedDownloadKbps
          slaAvailabilityHundredths
          slaRestoreHours
          provider {
            id
            name
          }
          terminations {
            id
            side
            portSpeedKbps
            site {
              id
              name
            }
            providerNetwork {
              id
              name
            }
            cpe {
              id
              inventoryTag
            }
          }
          redundancy {
            priority
            group {
              id
              name
            }
          }
        }
        redundancyGroups {
          id
          name
          site {
            id
            name
          }
          members {
            priority
            circuit {
              id
              cid
            }
          }
        }
      }
    }
  }
`);

const UpdateSite = graphql(`
  mutation ConnectivityUpdateSiteCoordinates($id: ID!, $expectedVersion: Int!, $input: SiteInput!) {
    updateSite(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on Site { id version latitude longitude }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);

type Sheet = Extract<NonNullable<NonNullable<ReturnType<typeof useSheet>[0]['data']>['node']>, { __typename: 'Entity' }>;
type Circuit = Sheet['circuits'][number];
type Site = Sheet['sites'][number];

function useSheet(id: () => string) {
  return createQuery({ query: SheetQuery, variables: () => ({ id: id() }) });
}

const endOf = (circuit: Circuit, side: 'A' | 'Z') => {
  const end = circuit.terminations.find((x) => x.side === side);
  if (!end) return '—';
  const where = end.site?.name ?? end.providerNetwork?.name ?? '—';
  return end.cpe ? `${where} (${m('cpe', { tag: end.cpe.inventoryTag ?? end.cpe.id })})` : where;
};
const sla = (circuit: Circuit) =>
  circuit.slaAvailabilityHundredths !== null && circuit.slaRestoreHours !== null
    ? m('slaText', { availability: (circuit.slaAvailabilityHundredths / 100).toFixed(2), hours: circuit.slaRestoreHours })
    : '—';

export default function BodySheetPage() {
  const params = useParams<{ id: string }>();
  const [result, refetch] = useSheet(() => decodeURIComponent(params.id));
  const body = () => (result.data?.node?.__typename === 'Entity' ? result.data.node : undefined);
  return (
    <NodePage error={result.error} loaded={!!result.data} node={body()} notFound={m('sheetNotFound')}>
      {(entity) => {
        const circuitsAt = (siteId: string) => entity().circuits.filter((c) => c.terminations.some((x) => x.site?.id === siteId));
        const withoutSite = () => entity().circuits.filter((c) => !c.terminations.some((x) => x.site));
        return (
          <>
            <PageHeading title={m('sheetTitle', { name: entity().name })}>
              <p class="lead">{m('sheetIntro')}</p>
              <p>
                <A href={`/connectivity?body=${encodeURIComponent(entity().id)}`}>{m('backToNetwork')}</A>
              </p>
            </PageHeading>

            <For each={entity().sites}>
              {(site) => (
                <section class="connectivity-site" aria-labelledby={`site-${site.id}-title`}>
                  <h2 id={`site-${site.id}-title`}>{site.name}</h2>
                  <dl class="facts">
                    <div class="fact">
                      <dt>{m('address')}</dt>
                      <dd>{site.address}</dd>
                    </div>
                    <div class="fact">
                      <dt>{m('coordinates')}</dt>
                      <dd>{coordinates(site)}</dd>
                    </div>
                  </dl>
                  <Show
                    when={site.activeLinkCount === 1}
                    fallback={<p>{site.activeLinkCount === 0 ? m('noLink') : m('redundant', { count: site.activeLinkCount })}</p>}
                  >
                    <p class="connectivity-warning" data-single-link="true">
                      <strong>{m('singleLink')}</strong>
                    </p>
                  </Show>
                  <CircuitTable label={m('siteCircuits', { name: site.name })} circuits={circuitsAt(site.id)} />
                  <CoordinatesForm entityId={entity().id} site={site} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
                </section>
              )}
            </For>

            <Show when={withoutSite().length > 0}>
              <section aria-labelledby="other-circuits-title">
                <h2 id="other-circuits-title">{m('otherCircuits')}</h2>
                <CircuitTable label={m('otherCircuits')} circuits={withoutSite()} />
              </section>
            </Show>

            <section aria-labelledby="groups-title">
              <h2 id="groups-title">{m('groupsTitle')}</h2>
              <DataTable
                label={m('groupsTitle')}
                rows={entity().redundancyGroups}
                empty={m('noGroups')}
                columns={[
                  { header: m('group'), rowHeader: true, width: 'm', phone: true, cell: (group) => group.name },
                  { header: m('site'), width: 'm', cell: (group) => group.site.name },
                  {
                    header: m('members'),
                    width: 'l',
                    phone: true,
                    cell: (group) => group.members.map((member) => `${priorityLabel(member.priority)}: ${member.circuit?.cid ?? '—'}`).join('; '),
                  },
                ]}
              />
            </section>

            <WidgetSlot name="connectivity.body" entityId={entity().id} props={{ entityId: entity().id }} />
          </>
        );
      }}
    </NodePage>
  );
}

function CircuitTable(props: { label: string; circuits: readonly Circuit[] }) {
  return (
    <DataTable
      label={props.label}
      rows={props.circuits}
      empty={m('noSiteCircuits')}
      columns={[
        { header: m('cid'), rowHeader: true, width: 'm', phone: true, cell: (c) => c.cid },
        { header: m('terminations'), width: 'l', cell: (c) => `A: ${endOf(c, 'A')} · Z: ${endOf(c, 'Z')}` },
        { header: m('technology'), width: 'm', phone: true, cell: (c) => technologyLabel(c.technology) },
        { header: m('agcom'), width: 's', cell: (c) => c.agcomClass ?? '—' },
        { header: m('bandwidth'), width: 'm', phone: true, cell: (c) => `${formatKbps(c.downloadKbps)} / ${formatKbps(c.uploadKbps)}` },
        { header: m('sla'), width: 'm', cell: (c) => sla(c) },
        { header: m('status'), width: 's', phone: true, cell: (c) => statusLabel(c.status) },
        {
          header: m('priority'),
          width: 'm',
          cell: (c) => (c.redundancy ? `${priorityLabel(c.redundancy.priority)} (${c.redundancy.group.name})` : '—'),
        },
        { header: m('provider'), width: 'm', cell: (c) => c.provider.name },
      ]}
    />
  );
}

const FIELDS = ['latitude', 'longitude'] as const;

/** Latitude and longitude of one site, through the core's updateSite (both or neither). */
function CoordinatesForm(props: { entityId: string; site: Site; onSaved: () => void }) {
  const shell = useShell();
  const [, update] = createMutation(UpdateSite);
  const [latitude, setLatitude] = createSignal(props.site.latitude?.toString() ?? '');
  const [longitude, setLongitude] = createSignal(props.site.longitude?.toString() ?? '');
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  const errors = createFieldErrors(FIELDS);
  const labels = { latitude: m('latitude'), longitude: m('longitude') };
  const parse = (text: string) => (text.trim() === '' ? null : Number(text.trim().replace(',', '.')));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(null);
    errors.clear();
    const lat = parse(latitude());
    const lon = parse(longitude());
    const bad: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (lat !== null && !Number.isFinite(lat)) bad.latitude = m('notANumber');
    if (lon !== null && !Number.isFinite(lon)) bad.longitude = m('notANumber');
    if (Object.keys(bad).length > 0) return errors.set(bad);
    const outcome = await update({
      id: props.site.id,
      expectedVersion: props.site.version,
      input: { name: props.site.name, address: props.site.address, ictStaffPresent: props.site.ictStaffPresent, latitude: lat, longitude: lon },
    });
    const value = outcome.data?.updateSite;
    if (outcome.error || !value) return setFailure(outcome.error?.message ?? '');
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename !== 'Site') return setFailure(describeTypedError(value));
    setSaved(m('coordinatesSaved', { name: props.site.name }));
    props.onSaved();
  }

  return (
    <Show when={shell().access.can('core:entities:write', props.entityId)}>
      <form class="connectivity-coordinates" aria-label={m('editCoordinates', { name: props.site.name })} onSubmit={save} novalidate>
        <Show when={errors.any()}>
          <ErrorSummary title={m('coordinatesRefused')} errors={errors.all()} labels={labels} idPrefix={`site-${props.site.id}-`} />
        </Show>
        <Show when={failure() !== null}>
          <ErrorNotice message={failure() || m('coordinatesRefused')} />
        </Show>
        <NumberField
          id={`site-${props.site.id}-latitude`}
          label={m('latitude')}
          hint={m('coordinatesHint')}
          value={latitude()}
          onValue={setLatitude}
          error={errors.of('latitude')}
        />
        <NumberField id={`site-${props.site.id}-longitude`} label={m('longitude')} value={longitude()} onValue={setLongitude} error={errors.of('longitude')} />
        <button type="submit" class="button-primary">
          {m('saveCoordinates')}
        </button>
        <SuccessNotice message={saved()} focus />
      </form>
    </Show>
  );
}
