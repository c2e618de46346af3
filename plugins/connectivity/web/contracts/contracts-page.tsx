// Connectivity contracts: supplier, CIG, framework, effective term, notice date (highlighted when
// close), state and renewal; the head gives terms to a SERVICES contract that has none yet.
import { Badge, createQuery, DataTable, formatDate, graphql, PageHeading, SelectField, useShell } from '@gea/web-kit';
import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { frameworkLabel, m, NOTICE_WARNING_DAYS, renewalLabel, stateLabel } from './messages.ts';

const ContractsQuery = graphql(`
  query ConnectivityContracts {
    connectivityContracts {
      id
      framework
      frameworkName
      renewal
      renewalMonths
      termEndsOn
      noticeDate
      daysToNotice
      noticeGivenOn
      state
      contract {
        id
        subject
        cig
        supplier {
          id
          name
        }
      }
    }
  }
`);

const WithoutTermsQuery = graphql(`
  query ConnectivityServiceContracts {
    contracts(first: 100, filter: { kind: [SERVICES] }) {
      edges {
        node {
          id
          subject
          cig
          connectivityTerms {
            id
          }
        }
      }
    }
  }
`);

/** Giving terms is the head's act (connectivity:contracts:write on every body served): offered to whoever holds it everywhere. */
export const canWriteContracts = (shell: ReturnType<typeof useShell>) => shell().access.can('connectivity:contracts:write');

export default function ConnectivityContractsPage() {
  const shell = useShell();
  const [result] = createQuery({ query: ContractsQuery });
  const canWrite = () => canWriteContracts(shell);

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <Show when={canWrite()}>
        <GiveTerms />
      </Show>
      <DataTable
        label={m('results')}
        caption={m('caption')}
        rows={result.data?.connectivityContracts}
        error={result.error}
        empty={m('none')}
        columns={[
          {
            header: m('subject'),
            rowHeader: true,
            width: 'm',
            phone: true,
            // The CIG under the subject, so that the table fits 1280 px.
            cell: (row) => (
              <>
                <A href={`/connectivity/contracts/${encodeURIComponent(row.contract.id)}`}>{row.contract.subject}</A>
                <br />
                <span class="muted">
                  {m('cig')} {row.contract.cig ?? '—'}
                </span>
              </>
            ),
          },
          { header: m('supplier'), width: 's', cell: (row) => row.contract.supplier.name },
          { header: m('framework'), width: 's', cell: (row) => [frameworkLabel(row.framework), row.frameworkName].filter(Boolean).join(' · ') },
          { header: m('termEndsOn'), width: 's', nowrap: true, phone: true, cell: (row) => formatDate(row.termEndsOn) },
          {
            header: m('noticeDate'),
            width: 's',
            phone: true,
            cell: (row) => (
              <Show
                when={!row.noticeGivenOn && row.daysToNotice >= 0 && row.daysToNotice <= NOTICE_WARNING_DAYS}
                fallback={formatDate(row.noticeDate)}
              >
                <Badge tone="warn">{formatDate(row.noticeDate)}</Badge>
                <br />
                <span class="muted">{m('noticeSoon', { days: String(row.daysToNotice) })}</span>
              </Show>
            ),
          },
          {
            // State and renewal in one column, so that the table fits 1280 px.
            header: m('stateAndRenewal'),
            width: 's',
            cell: (row) => (
              <>
                {stateLabel(row.state)}
                <br />
                <span class="muted">
                  {row.renewalMonths ? m('renewalEvery', { renewal: renewalLabel(row.renewal), months: String(row.renewalMonths) }) : renewalLabel(row.renewal)}
                </span>
              </>
            ),
          },
        ]}
      />
    </>
  );
}

/** A picker of the SERVICES contracts the head may see that have no connectivity terms yet. */
function GiveTerms() {
  const [contracts] = createQuery({ query: WithoutTermsQuery });
  const [chosen, setChosen] = createSignal('');
  const navigate = useNavigate();
  const choices = () => (contracts.data?.contracts.edges ?? []).filter((edge) => !edge.node.connectivityTerms);
  return (
    <form
      class="form form-grid"
      aria-labelledby="give-terms-legend"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen()) navigate(`/connectivity/contracts/${encodeURIComponent(chosen())}`);
      }}
    >
      <fieldset>
        <legend id="give-terms-legend">{m('giveTerms')}</legend>
        <SelectField
          id="give-terms-contract"
          label={m('chooseContract')}
          hint={m('giveTermsHint')}
          value={chosen()}
          onValue={setChosen}
          empty={m('chooseContractEmpty')}
          options={choices().map((edge) => ({ value: edge.node.id, label: edge.node.cig ? `${edge.node.subject} (CIG ${edge.node.cig})` : edge.node.subject }))}
        />
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="button-primary" disabled={!chosen()}>
          {m('open')}
        </button>
      </div>
    </form>
  );
}
