// The online services catalogue: which body offers which service since when (a matrix, services by
// bodies), and for the ICT office the form that records an offering by hand.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  DateField,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  formatDate,
  graphql,
  isTypedError,
  Loading,
  locale,
  PageHeading,
  SelectField,
  SuccessNotice,
  t,
  TableWrap,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { m } from './messages.ts';
import './proposals.css';

const CatalogueQuery = graphql(`
  query WebHostingOnlineServices {
    onlineServices {
      id
      name
      description
      category { key label labelEn }
      offerings { entity { id name } since url }
      proposal { id decidedAt }
    }
  }
`);
const SetOffering = graphql(`
  mutation WebHostingSetServiceOffering($serviceId: ID!, $entityId: ID!, $since: Date!, $url: String) {
    setServiceOffering(serviceId: $serviceId, entityId: $entityId, since: $since, url: $url) {
      __typename
      ... on OnlineService { id name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);

type Failure = { message?: string; error?: Parameters<typeof ErrorNotice>[0]['error'] } | undefined;

export default function ServicesPage() {
  const shell = useShell();
  const [catalogue, refetch] = createQuery({ query: CatalogueQuery });
  const [, setOffering] = createMutation(SetOffering);
  const services = () => catalogue.data?.onlineServices ?? [];
  // The columns: every body that offers something, by name.
  const bodies = () => {
    const byId = new Map<string, { id: string; name: string }>();
    for (const service of services()) for (const offering of service.offerings) byId.set(offering.entity.id, offering.entity);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'it'));
  };
  const categoryLabel = (c: { label: string; labelEn: string }) => (locale() === 'it' ? c.label : c.labelEn);

  const writableBodies = () => shell().bodiesWithModule('web-hosting', 'web-hosting:services:write');
  const empty = { serviceId: '', entityId: '', since: '', url: '' };
  const [form, setForm] = createStore({ ...empty });
  const errors = createFieldErrors(['serviceId', 'entityId', 'since', 'url'] as const, []);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<Failure>();
  const labels = () => ({ serviceId: m('service'), entityId: m('body'), since: m('since'), url: m('url') });

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    errors.clear();
    const missing = Object.fromEntries((['serviceId', 'entityId', 'since'] as const).filter((f) => !form[f]).map((f) => [f, m('required')]));
    if (Object.keys(missing).length > 0) return errors.set(missing);
    setSaving(true);
    const outcome = await setOffering({ serviceId: form.serviceId, entityId: form.entityId, since: form.since, url: form.url.trim() || null });
    setSaving(false);
    const value = outcome.data?.setServiceOffering;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename === 'OnlineService') {
      const body = writableBodies().find((b) => b.id === form.entityId)?.name ?? '';
      setForm({ ...empty });
      refetch({ requestPolicy: 'network-only' });
      return setSaved(m('offeringSaved', { name: value.name, body }));
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <>
      <PageHeading title={m('catalogueTitle')}>
        <p class="lead">{m('catalogueIntro')}</p>
      </PageHeading>
      <SuccessNotice focus message={saved()} />
      <ErrorNotice message={failure()?.message} error={failure()?.error ?? catalogue.error} />
      <Show when={catalogue.data} fallback={<Show when={!catalogue.error}><Loading /></Show>}>
        <Show when={services().length > 0} fallback={<p>{m('noServices')}</p>}>
          <TableWrap label={m('catalogueTitle')}>
            <table class="service-matrix">
              <caption>{m('catalogueCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('service')}</th>
                  <th scope="col">{m('category')}</th>
                  <For each={bodies()}>{(body) => <th scope="col">{body.name}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={services()}>
                  {(service) => (
                    <tr>
                      <th scope="row">
                        {service.name}
                        <Show when={service.proposal?.decidedAt}>
                          <br />
                          <span class="hint">{m('fromProposal', { date: formatDate(service.proposal!.decidedAt!) })}</span>
                        </Show>
                      </th>
                      <td>{categoryLabel(service.category)}</td>
                      <For each={bodies()}>
                        {(body) => {
                          const offering = () => service.offerings.find((o) => o.entity.id === body.id);
                          return (
                            <td>
                              <Show when={offering()} fallback={<span aria-label={m('notOffered')}>—</span>}>
                                {(o) => (
                                  <Show when={o().url} fallback={m('offeredSince', { date: formatDate(o().since) })}>
                                    <a href={o().url!} aria-label={`${m('openService', { body: body.name })}: ${service.name}`}>
                                      {m('offeredSince', { date: formatDate(o().since) })}
                                    </a>
                                  </Show>
                                )}
                              </Show>
                            </td>
                          );
                        }}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        </Show>
      </Show>

      <Show when={writableBodies().length > 0 && services().length > 0}>
        <section aria-labelledby="offering-form-title">
          <h2 id="offering-form-title">{m('offeringTitle')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="offering-" />
          </Show>
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="offering-form-title">
            <fieldset disabled={saving()}>
              <legend class="visually-hidden">{m('offeringTitle')}</legend>
              <SelectField
                id="offering-serviceId"
                label={m('service')}
                required
                value={form.serviceId}
                onValue={(v) => setForm('serviceId', v)}
                options={services().map((s) => ({ value: s.id, label: s.name }))}
                empty={m('pickService')}
                error={errors.of('serviceId')}
              />
              <SelectField
                id="offering-entityId"
                label={m('body')}
                required
                value={form.entityId}
                onValue={(v) => setForm('entityId', v)}
                options={writableBodies().map((b) => ({ value: b.id, label: b.name }))}
                empty={m('pickBody')}
                error={errors.of('entityId')}
              />
              <DateField id="offering-since" label={m('since')} required value={form.since} onValue={(v) => setForm('since', v)} error={errors.of('since')} />
              <TextField id="offering-url" label={m('url')} hint={m('urlHint')} type="url" value={form.url} onValue={(v) => setForm('url', v)} error={errors.of('url')} />
            </fieldset>
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={saving()}>
                {saving() ? t('common.saving') : m('saveOffering')}
              </button>
            </div>
          </form>
        </section>
      </Show>
    </>
  );
}
