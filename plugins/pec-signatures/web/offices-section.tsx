// The registry offices (AOO) of the bodies, with their protocol system; a link to each one's page.
import { createQuery, DataTable, graphql, useShell } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { m } from './messages.ts';

const OfficesQuery = graphql(`
  query PecRegistryOffices {
    registryOffices {
      id
      code
      name
      entity {
        id
        name
      }
      protocolSystem {
        name
        tokenUsable
      }
    }
  }
`);

export function OfficesSection() {
  const shell = useShell();
  const [offices] = createQuery({ query: OfficesQuery });
  const bodies = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:read');
  const writable = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:write');
  const canWrite = (entityId: string | undefined) => !!entityId && shell().access.can('pec-signatures:write', entityId);

  return (
    <section aria-labelledby="pec-offices-title">
      <h2 id="pec-offices-title">{m('offices')}</h2>
      <Show when={writable().length > 0}>
        <p>
          <A class="button button-primary" href="/pec-signatures/offices/new">
            {m('newOffice')}
          </A>
        </p>
      </Show>
      <DataTable
        label={m('offices')}
        caption={m('officesCaption')}
        rows={offices.data?.registryOffices}
        error={offices.error}
        empty={m('noOffices')}
        columns={[
          { header: m('officeCode'), rowHeader: true, nowrap: true, width: 's', phone: true, cell: (office) => office.code },
          { header: m('officeName'), width: 'l', phone: true, cell: (office) => office.name },
          { header: m('body'), width: 'm', hidden: bodies().length <= 1, cell: (office) => office.entity?.name },
          {
            header: m('protocolSystem'),
            width: 'm',
            cell: (office) => (
              <Show when={office.protocolSystem} fallback={<span class="muted">—</span>}>
                {(system) => (
                  <>
                    {system().name ?? '—'}
                    <Show when={!system().tokenUsable}> ({m('tokenUnusable')})</Show>
                  </>
                )}
              </Show>
            ),
          },
          {
            header: m('actions'),
            width: 'xs',
            phone: true,
            cell: (office) => {
              const write = canWrite(office.entity?.id);
              return (
                <A href={`/pec-signatures/offices/${encodeURIComponent(office.id)}`} aria-label={m(write ? 'editLabel' : 'viewLabel', { name: `${office.code} ${office.name}` })}>
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
