// The supported CMS versions: the table of policies and, for web-hosting:sites:write over the
// association, the form that sets the versions of one CMS.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  ErrorNotice,
  ErrorSummary,
  formatDate,
  graphql,
  isTypedError,
  describeTypedError,
  PageHeading,
  SelectField,
  SuccessNotice,
  t,
  TableWrap,
  TextField,
  useShell,
} from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { CMS_KINDS, m, type Failure } from './messages.ts';

const PoliciesQuery = graphql(`
  query WebHostingCmsPolicies {
    cmsVersionPolicies { cms minimumVersion latestVersion note updatedAt }
  }
`);
const SetPolicy = graphql(`
  mutation WebHostingSetCmsPolicy($cms: CmsKind!, $minimumVersion: String!, $latestVersion: String, $note: String) {
    setCmsVersionPolicy(cms: $cms, minimumVersion: $minimumVersion, latestVersion: $latestVersion, note: $note) {
      __typename
      ... on CmsVersionPolicy { cms }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);

const FIELDS = ['cms', 'minimumVersion', 'latestVersion', 'note'] as const;

export default function CmsPoliciesPage() {
  const shell = useShell();
  const canWrite = () => shell().access.can('web-hosting:sites:write');
  const [policies, refetch] = createQuery({ query: PoliciesQuery });
  const [, set] = createMutation(SetPolicy);
  const [form, setForm] = createStore({ cms: 'WORDPRESS', minimumVersion: '', latestVersion: '', note: '' });
  const errors = createFieldErrors(FIELDS, []);
  const [failure, setFailure] = createSignal<Failure>();
  const [saved, setSaved] = createSignal<string | null>(null);
  const labels = () => ({ cms: m('cms'), minimumVersion: m('minimumVersion'), latestVersion: m('latestVersion'), note: m('policyNote') });

  /** Choosing a CMS shows what is recorded for it. */
  function choose(cms: string) {
    const current = policies.data?.cmsVersionPolicies.find((policy) => policy.cms === cms);
    setForm({ cms, minimumVersion: current?.minimumVersion ?? '', latestVersion: current?.latestVersion ?? '', note: current?.note ?? '' });
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    setSaved(null);
    errors.clear();
    if (!form.minimumVersion.trim()) return errors.set({ minimumVersion: m('required') });
    const outcome = await set({
      cms: form.cms as never,
      minimumVersion: form.minimumVersion.trim(),
      latestVersion: form.latestVersion.trim() || null,
      note: form.note.trim() || null,
    });
    const value = outcome.data?.setCmsVersionPolicy;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename === 'CmsVersionPolicy') {
      refetch({ requestPolicy: 'network-only' });
      return setSaved(m('policySaved', { cms: m(`cmsKinds.${value.cms}`) }));
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <>
      <p class="breadcrumb">
        <A href="/web-hosting/sites">{m('backToSites')}</A>
      </p>
      <PageHeading title={m('policiesTitle')}>
        <p class="lead">{m('policiesIntro')}</p>
      </PageHeading>
      <SuccessNotice focus message={saved()} />
      <ErrorNotice error={policies.error} />
      <Show when={policies.data} fallback={<p aria-busy="true">{t('common.loading')}</p>}>
        <Show when={policies.data!.cmsVersionPolicies.length > 0} fallback={<p>{m('noPolicies')}</p>}>
          <TableWrap label={m('policiesTitle')}>
            <table>
              <caption class="visually-hidden">{m('policiesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('cms')}</th>
                  <th scope="col">{m('minimumVersion')}</th>
                  <th scope="col">{m('latestVersion')}</th>
                  <th scope="col">{m('policyNote')}</th>
                  <th scope="col">{m('updatedAt')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={policies.data!.cmsVersionPolicies}>
                  {(policy) => (
                    <tr>
                      <th scope="row">{m(`cmsKinds.${policy.cms}`)}</th>
                      <td>{policy.minimumVersion}</td>
                      <td>{policy.latestVersion ?? '—'}</td>
                      <td>{policy.note ?? ''}</td>
                      <td>{formatDate(policy.updatedAt)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        </Show>
      </Show>
      <Show when={canWrite()}>
        <section aria-labelledby="policy-form-title">
          <h2 id="policy-form-title">{m('policyFormTitle')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('policyErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="policy-" />
          </Show>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="policy-form-title">
            <SelectField id="policy-cms" label={m('cms')} required value={form.cms} onValue={choose} options={CMS_KINDS.map((v) => ({ value: v, label: m(`cmsKinds.${v}`) }))} />
            <TextField id="policy-minimumVersion" label={m('minimumVersion')} required value={form.minimumVersion} onValue={(v) => setForm('minimumVersion', v)} error={errors.of('minimumVersion')} />
            <TextField id="policy-latestVersion" label={m('latestVersion')} value={form.latestVersion} onValue={(v) => setForm('latestVersion', v)} error={errors.of('latestVersion')} />
            <TextField id="policy-note" label={m('policyNote')} value={form.note} onValue={(v) => setForm('note', v)} error={errors.of('note')} />
            <div class="form-actions">
              <button type="submit" class="button-primary">
                {m('savePolicy')}
              </button>
            </div>
          </form>
        </section>
      </Show>
    </>
  );
}
