// The association (and, for yearly records, the year) a screen of the office's records is about,
// kept in the address bar: the first association visible and the current year by default.
import { createQuery, ErrorNotice, graphql, Loading, SelectField } from '@gea/web-kit';
import { useSearchParams } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { m, yearChoices } from './messages.ts';

const AssociationsQuery = graphql(`
  query ProcurementAssociations {
    associations {
      id
      name
      members {
        entity {
          id
          name
          kind
        }
      }
    }
  }
`);

export type AssociationChoice = { id: string; name: string; members: readonly { entity: { id: string; name: string; kind: string } | null }[] };

export function createAssociationYear() {
  const [params, setParams] = useSearchParams<{ association: string; year: string }>();
  const [associations] = createQuery({ query: AssociationsQuery });
  const list = () => associations.data?.associations ?? [];
  const association = () => list().find((a) => a.id === params.association) ?? list()[0];
  const year = () => (/^\d{4}$/.test(String(params.year ?? '')) ? Number(params.year) : new Date().getFullYear());
  /** Member bodies the reader may see (a union itself does not pay a share), by name. */
  const members = () =>
    [...new Map((association()?.members ?? []).flatMap((row) => (row.entity && row.entity.kind !== 'UNION' ? [[row.entity.id, row.entity]] : []))).values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  return { associations, list, association, year, members, setParams };
}
export type AssociationYear = ReturnType<typeof createAssociationYear>;

/** The pickers, then the screen's content once an association is known. */
export function AssociationYearPicker(props: { state: AssociationYear; withYear: boolean; idPrefix: string; children: (associationId: string) => JSX.Element }) {
  const state = props.state;
  return (
    <>
      <ErrorNotice error={state.associations.error} />
      <Show when={state.associations.data} fallback={<Show when={!state.associations.error}><Loading /></Show>}>
        <Show when={state.association()} fallback={<p>{m('noAssociations')}</p>}>
          {(association) => (
            <>
              <form class="filters" role="search" aria-label={m('association')} onSubmit={(event) => event.preventDefault()}>
                <Show when={state.list().length > 1}>
                  <SelectField
                    id={`${props.idPrefix}-association`}
                    label={m('association')}
                    value={association().id}
                    onValue={(value) => state.setParams({ association: value })}
                    options={state.list().map((a) => ({ value: a.id, label: a.name }))}
                  />
                </Show>
                <Show when={props.withYear}>
                  <SelectField
                    id={`${props.idPrefix}-year`}
                    label={m('year')}
                    value={String(state.year())}
                    onValue={(value) => state.setParams({ year: value })}
                    options={[...new Set([...yearChoices(), String(state.year())])].map((value) => ({ value, label: value }))}
                  />
                </Show>
              </form>
              {props.children(association().id)}
            </>
          )}
        </Show>
      </Show>
    </>
  );
}
