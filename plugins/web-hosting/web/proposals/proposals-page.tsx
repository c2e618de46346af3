// The board of online service proposals (art. 11.4): open proposals with the count of yes votes
// against the half of the member bodies, the vote buttons for the bodies the person speaks for,
// the decided ones with date and votes, and the form to propose a new service.
import {
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  DateField,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  formatDate,
  formatDateTime,
  graphql,
  isTypedError,
  locale,
  PageHeading,
  SelectField,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { serviceCategories } from '../../src/model/taxonomies.ts';
import { m, statusLabel } from './messages.ts';
import './proposals.css';

const ProposalsQuery = graphql(`
  query WebHostingServiceProposals {
    serviceProposals {
      id
      title
      description
      status
      openedAt
      closesOn
      decidedAt
      decisionYesVotes
      decisionMembers
      proposer
      version
      proposedBy { id name }
      category { key label labelEn }
      votes { entity { id name } choice votedAt votedBy note }
      tally { yes no members needed missing { id name } }
      canVoteFor { id name }
      canWithdraw
    }
  }
`);
const Propose = graphql(`
  mutation WebHostingProposeService($entityId: ID!, $input: ServiceProposalInput!) {
    proposeOnlineService(entityId: $entityId, input: $input) {
      __typename
      ... on ServiceProposal { id title }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const Vote = graphql(`
  mutation WebHostingVoteOnProposal($proposalId: ID!, $entityId: ID!, $choice: VoteChoice!) {
    voteOnServiceProposal(proposalId: $proposalId, entityId: $entityId, choice: $choice) {
      __typename
      ... on ServiceProposal { id status }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const Withdraw = graphql(`
  mutation WebHostingWithdrawProposal($proposalId: ID!, $expectedVersion: Int) {
    withdrawServiceProposal(proposalId: $proposalId, expectedVersion: $expectedVersion) {
      __typename
      ... on ServiceProposal { id title }
      ... on Error { code message }
    }
  }
`);

type Failure = { message?: string; error?: Parameters<typeof ErrorNotice>[0]['error'] } | undefined;
const FIELDS = ['title', 'description', 'category', 'closesOn'] as const;

export default function ProposalsPage() {
  const shell = useShell();
  const [proposals, refetch] = createQuery({ query: ProposalsQuery });
  const [, propose] = createMutation(Propose);
  const [, vote] = createMutation(Vote);
  const [, withdraw] = createMutation(Withdraw);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<Failure>();
  const [busy, setBusy] = createSignal(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  type Proposal = NonNullable<typeof proposals.data>['serviceProposals'][number];
  const open = () => (proposals.data?.serviceProposals ?? []).filter((p) => p.status === 'OPEN');
  const closed = () => (proposals.data?.serviceProposals ?? []).filter((p) => p.status !== 'OPEN');
  const categoryLabel = (c: { label: string; labelEn: string }) => (locale() === 'it' ? c.label : c.labelEn);

  async function cast(proposal: Proposal, body: { id: string; name: string }, choice: 'YES' | 'NO') {
    setNotice(null);
    setFailure(undefined);
    setBusy(true);
    const outcome = await vote({ proposalId: proposal.id, entityId: body.id, choice });
    setBusy(false);
    const value = outcome.data?.voteOnServiceProposal;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'ServiceProposal') {
      reload();
      const key = value.status === 'APPROVED' ? 'approvedNow' : value.status === 'REJECTED' ? 'rejectedNow' : 'voted';
      return setNotice(m(key, { body: body.name }));
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
    reload();
  }

  async function takeBack(proposal: Proposal) {
    setNotice(null);
    setFailure(undefined);
    setBusy(true);
    const outcome = await withdraw({ proposalId: proposal.id, expectedVersion: proposal.version });
    setBusy(false);
    const value = outcome.data?.withdrawServiceProposal;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    reload();
    if (value.__typename === 'ServiceProposal') return setNotice(m('withdrawn', { title: value.title }));
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  // The proposal form: for the bodies the person may propose for (module on).
  const proposingBodies = () => shell().bodiesWithModule('web-hosting', 'web-hosting:proposals:vote');
  const empty = { entityId: '', title: '', description: '', category: '', closesOn: '' };
  const [form, setForm] = createStore({ ...empty });
  const errors = createFieldErrors(['entityId', ...FIELDS] as const);
  const labels = () => ({
    entityId: m('proposingBody'),
    title: m('serviceName'),
    description: m('description'),
    category: m('category'),
    closesOn: m('closesOnField'),
  });
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setNotice(null);
    setFailure(undefined);
    errors.clear();
    const entityId = form.entityId || (proposingBodies().length === 1 ? proposingBodies()[0]!.id : '');
    const missing = Object.fromEntries(
      (['entityId', 'title', 'description', 'category'] as const).filter((f) => !(f === 'entityId' ? entityId : form[f].trim())).map((f) => [f, m('required')]),
    );
    if (Object.keys(missing).length > 0) return errors.set(missing);
    setBusy(true);
    const outcome = await propose({
      entityId,
      input: { title: form.title.trim(), description: form.description.trim(), category: form.category, closesOn: form.closesOn || null },
    });
    setBusy(false);
    const value = outcome.data?.proposeOnlineService;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename === 'ServiceProposal') {
      setForm({ ...empty });
      reload();
      return setNotice(m('proposed', { title: value.title }));
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <>
      <PageHeading title={m('boardTitle')}>
        <p class="lead">{m('boardIntro')}</p>
      </PageHeading>
      <SuccessNotice focus message={notice()} />
      <ErrorNotice message={failure()?.message} error={failure()?.error ?? proposals.error} />

      <section aria-labelledby="open-proposals-title">
        <h2 id="open-proposals-title">{m('openTitle')}</h2>
        <Show when={proposals.data}>
          <Show when={open().length > 0} fallback={<p>{m('noOpen')}</p>}>
            <ul class="proposal-list">
              <For each={open()}>
                {(proposal) => (
                  <li class="proposal-card">
                    <article aria-labelledby={`proposal-${proposal.id}`}>
                      <h3 id={`proposal-${proposal.id}`}>{proposal.title}</h3>
                      <p class="proposal-meta">
                        {categoryLabel(proposal.category)} · {m('proposedBy', { body: proposal.proposedBy.name, person: proposal.proposer, date: formatDate(proposal.openedAt) })}
                      </p>
                      <p>{proposal.description}</p>
                      <p>{proposal.closesOn ? m('closesOn', { date: formatDate(proposal.closesOn) }) : m('noClosing')}</p>
                      <div class="proposal-progress">
                        <progress
                          max={proposal.tally.members}
                          value={proposal.tally.yes}
                          aria-label={m('progressLabel', { title: proposal.title })}
                          aria-valuetext={m('progress', { yes: proposal.tally.yes, members: proposal.tally.members, needed: proposal.tally.needed })}
                        />
                        <span class="proposal-count">
                          {m('progress', { yes: proposal.tally.yes, members: proposal.tally.members, needed: proposal.tally.needed })}
                          {proposal.tally.no > 0 ? ` · ${m('noVotes', { no: proposal.tally.no })}` : ''}
                        </span>
                      </div>
                      <p class="hint">
                        {proposal.tally.missing.length > 0 ? m('missing', { names: proposal.tally.missing.map((b) => b.name).join(', ') }) : m('allVoted')}
                      </p>
                      <Votes proposal={proposal} />
                      <Show when={proposal.canVoteFor.length > 0}>
                        <VoteButtons proposal={proposal} busy={busy()} onVote={(body, choice) => void cast(proposal, body, choice)} />
                      </Show>
                      <Show when={proposal.canWithdraw}>
                        <button type="button" class="button-secondary" disabled={busy()} aria-label={m('withdrawNamed', { title: proposal.title })} onClick={() => void takeBack(proposal)}>
                          {m('withdraw')}
                        </button>
                      </Show>
                    </article>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </section>

      <section aria-labelledby="decided-proposals-title">
        <h2 id="decided-proposals-title">{m('decidedTitle')}</h2>
        <DataTable<Proposal>
          label={m('decidedTitle')}
          caption={m('decidedCaption')}
          rows={proposals.data ? closed() : undefined}
          error={undefined}
          empty={m('noDecided')}
          columns={[
            { header: m('title'), rowHeader: true, width: 'l', phone: true, cell: (p) => p.title },
            { header: m('category'), width: 'm', cell: (p) => categoryLabel(p.category) },
            { header: m('status'), width: 's', phone: true, cell: (p) => statusLabel(p.status) },
            { header: m('decidedAt'), width: 's', cell: (p) => (p.decidedAt ? formatDate(p.decidedAt) : '—') },
            {
              header: m('result'),
              width: 'l',
              cell: (p) => (
                <>
                  {p.decisionMembers !== null ? m('resultOf', { yes: p.decisionYesVotes ?? 0, members: p.decisionMembers }) : '—'}
                  <Show when={p.votes.length > 0}>
                    <br />
                    <span class="hint">{p.votes.map((v) => `${v.entity.name}: ${v.choice === 'YES' ? m('yes') : m('no')}`).join('; ')}</span>
                  </Show>
                </>
              ),
            },
          ]}
        />
      </section>

      <Show when={proposingBodies().length > 0}>
        <section aria-labelledby="propose-title">
          <h2 id="propose-title">{m('proposeTitle')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="proposal-" />
          </Show>
          <form class="form form-grid" onSubmit={(event) => void submit(event)} aria-labelledby="propose-title">
            <fieldset disabled={busy()}>
              <legend class="visually-hidden">{m('proposeTitle')}</legend>
              <Show when={proposingBodies().length > 1}>
                <SelectField
                  id="proposal-entityId"
                  label={m('proposingBody')}
                  required
                  value={form.entityId}
                  onValue={(v) => setForm('entityId', v)}
                  options={proposingBodies().map((b) => ({ value: b.id, label: b.name }))}
                  empty={m('pickBody')}
                  error={errors.of('entityId')}
                />
              </Show>
              <TextField id="proposal-title" label={m('serviceName')} required value={form.title} onValue={(v) => setForm('title', v)} error={errors.of('title')} />
              <div class="field" classList={{ 'field-invalid': !!errors.of('description') }}>
                <label for="proposal-description">
                  {m('description')}
                  <span class="required" aria-hidden="true">
                    {' '}*
                  </span>
                </label>
                <p class="hint" id="proposal-description-hint">
                  {m('descriptionHint')}
                </p>
                <Show when={errors.of('description')}>
                  <p class="field-error" id="proposal-description-error">
                    <span class="visually-hidden">{t('common.error')}: </span>
                    {errors.of('description')}
                  </p>
                </Show>
                <textarea
                  id="proposal-description"
                  name="proposal-description"
                  rows={4}
                  required
                  value={form.description}
                  aria-invalid={errors.of('description') ? 'true' : undefined}
                  aria-describedby={`proposal-description-hint${errors.of('description') ? ' proposal-description-error' : ''}`}
                  onInput={(event) => setForm('description', event.currentTarget.value)}
                />
              </div>
              <SelectField
                id="proposal-category"
                label={m('category')}
                required
                value={form.category}
                onValue={(v) => setForm('category', v)}
                options={serviceCategories.map((c) => ({ value: c.key, label: locale() === 'it' ? c.it : c.en }))}
                empty={m('pickCategory')}
                error={errors.of('category')}
              />
              <DateField id="proposal-closesOn" label={m('closesOnField')} hint={m('closesOnHint')} value={form.closesOn} onValue={(v) => setForm('closesOn', v)} error={errors.of('closesOn')} />
            </fieldset>
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={busy()}>
                {busy() ? t('common.saving') : m('propose')}
              </button>
            </div>
          </form>
        </section>
      </Show>
    </>
  );
}

type VoteRow = { entity: { id: string; name: string }; choice: 'YES' | 'NO'; votedAt: unknown; votedBy: string; note: string | null };

function Votes(props: { proposal: { id: string; title: string; votes: readonly VoteRow[] } }) {
  return (
    <Show when={props.proposal.votes.length > 0}>
      <details class="proposal-votes">
        <summary>{m('votesOf', { title: props.proposal.title })}</summary>
        <table>
          <caption class="visually-hidden">{m('votesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('body')}</th>
              <th scope="col">{m('choice')}</th>
              <th scope="col">{m('votedBy')}</th>
              <th scope="col">{m('votedAt')}</th>
              <th scope="col">{m('note')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.proposal.votes}>
              {(v) => (
                <tr>
                  <th scope="row">{v.entity.name}</th>
                  <td>{v.choice === 'YES' ? m('yes') : m('no')}</td>
                  <td>{v.votedBy}</td>
                  <td>{formatDateTime(v.votedAt as string)}</td>
                  <td>{v.note ?? '—'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </Show>
  );
}

/** One pair of buttons for the person's own body; a choice of body first for whoever speaks for several. */
function VoteButtons(props: {
  proposal: { id: string; title: string; canVoteFor: readonly { id: string; name: string }[]; votes: readonly VoteRow[] };
  busy: boolean;
  onVote: (body: { id: string; name: string }, choice: 'YES' | 'NO') => void;
}) {
  const [picked, setPicked] = createSignal('');
  const body = () => (props.proposal.canVoteFor.length === 1 ? props.proposal.canVoteFor[0]! : props.proposal.canVoteFor.find((b) => b.id === picked()));
  const current = () => {
    const chosen = body();
    return chosen ? props.proposal.votes.find((v) => v.entity.id === chosen.id) : undefined;
  };
  return (
    <div class="proposal-vote">
      <Show when={current()}>
        {(vote) => <p>{m('currentVote', { body: vote().entity.name, choice: vote().choice === 'YES' ? m('yes') : m('no') })}</p>}
      </Show>
      <Show when={props.proposal.canVoteFor.length > 1}>
        <SelectField
          id={`vote-body-${props.proposal.id}`}
          label={m('voteFor')}
          value={picked()}
          onValue={setPicked}
          options={props.proposal.canVoteFor.map((b) => ({ value: b.id, label: b.name }))}
          empty={m('pickBody')}
        />
      </Show>
      <div class="form-actions">
        <button
          type="button"
          class="button-primary"
          disabled={props.busy || !body()}
          aria-label={body() ? m('voteYesFor', { body: body()!.name }) : m('voteYes')}
          onClick={() => body() && props.onVote(body()!, 'YES')}
        >
          {m('voteYes')}
        </button>
        <button
          type="button"
          class="button-secondary"
          disabled={props.busy || !body()}
          aria-label={body() ? m('voteNoFor', { body: body()!.name }) : m('voteNo')}
          onClick={() => body() && props.onVote(body()!, 'NO')}
        >
          {m('voteNo')}
        </button>
      </div>
    </div>
  );
}
