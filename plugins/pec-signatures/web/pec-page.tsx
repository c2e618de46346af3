// PEC and signatures: the mailboxes, the messages with their state and receipts, the signature
// certificates by expiry, and the verification of a signed file (dropped or chosen; sent as a
// GraphQL multipart request, which urql's fetch exchange builds for File variables).
import {
  Badge,
  DataTable,
  createListParams,
  createListQuery,
  createQuery,
  describeError,
  ErrorNotice,
  formatDate,
  formatDateTime,
  formatNumber,
  graphql,
  locale,
  PageHeading,
  type ResultOf,
  SelectField,
  useClient,
  useShell,
} from '@gea/web-kit';
import { createSignal, For, Show } from 'solid-js';
import { m } from './messages.ts';
import './pec.css';

const PecQuery = graphql(`
  query PecOverview {
    pecMailboxes {
      id
      address
      provider
      expiresOn
      daysToExpiry
      entity {
        id
        name
      }
    }
    signatureCertificates {
      id
      holderName
      holderTaxCode
      deviceType
      status
      validTo
      daysToExpiry
      entity {
        id
        name
      }
    }
  }
`);

const MessagesQuery = graphql(`
  query PecMessages($first: Int!, $after: String) {
    pecMessages(first: $first, after: $after) {
      edges {
        node {
          id
          subject
          sender
          direction
          state
          registeredAt
          mailbox {
            id
            address
          }
          receipts {
            id
            type
            issuedAt
            deliveryAddress
            errorDetail
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

const VerifyMutation = graphql(`
  mutation PecVerifySignature($entityId: ID!, $file: Upload!, $content: Upload) {
    verifySignature(entityId: $entityId, file: $file, content: $content) {
      __typename
      ... on SignatureVerification {
        valid
        detached
        contentName
        contentSize
        signer {
          subject
          commonName
          taxCode
          issuer
          signingTime
          certificateValidFrom
          certificateValidTo
          certificateValidAtSigningTime
          intact
          trusted
          problems
        }
      }
      ... on SignatureFileError {
        message
        messageIt
        field
        reason
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
          minimum
          maximum
        }
      }
    }
  }
`);

type Payload = ResultOf<typeof VerifyMutation>['verifySignature'];
type Verification = Extract<Payload, { __typename: 'SignatureVerification' }>;

const PAGE_SIZE = 20;
const tone = (days: number | null | undefined) => (days === null || days === undefined ? 'off' : days <= 30 ? 'warn' : 'ok');

export default function PecPage() {
  const shell = useShell();
  const client = useClient();
  const [overview] = createQuery({ query: PecQuery });
  const list = createListParams({ filters: [], pageSize: PAGE_SIZE });
  const messages = createListQuery({ query: MessagesQuery, list, connection: (data) => data.pecMessages });

  const bodies = () => shell().bodiesWithModule('pec-signatures', 'pec-signatures:read');
  const [entityId, setEntityId] = createSignal('');
  const chosenBody = () => entityId() || bodies()[0]?.id || '';
  const [file, setFile] = createSignal<File | null>(null);
  const [content, setContent] = createSignal<File | null>(null);
  const [dragging, setDragging] = createSignal(false);
  const [verifying, setVerifying] = createSignal(false);
  const [verifyError, setVerifyError] = createSignal<string>();
  const [verification, setVerification] = createSignal<Verification | null>(null);
  const [issues, setIssues] = createSignal<readonly { path: readonly string[]; message: string }[] | null>(null);

  async function verify(chosen = file()) {
    setVerifyError(undefined);
    setVerification(null);
    setIssues(null);
    if (!chosen) {
      setVerifyError(m('chooseFile'));
      return;
    }
    setVerifying(true);
    const outcome = await client.mutation(VerifyMutation, { entityId: chosenBody(), file: chosen, content: content() }).toPromise();
    setVerifying(false);
    const payload = outcome.data?.verifySignature;
    if (!payload) {
      setVerifyError(outcome.error ? describeError(outcome.error) : undefined);
      return;
    }
    if (payload.__typename === 'SignatureVerification') setVerification(payload);
    else if (payload.__typename === 'SignatureFileError') setIssues([{ path: [payload.field], message: locale() === 'it' ? payload.messageIt : payload.message }]);
    else setIssues(payload.issues.length > 0 ? payload.issues : [{ path: [], message: payload.message }]);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer?.files[0];
    if (dropped) {
      setFile(dropped);
      void verify(dropped);
    }
  }

  return (
    <>
      <PageHeading title={m('title')}>
        <p class="lead">{m('intro')}</p>
      </PageHeading>
      <section aria-labelledby="pec-mailboxes-title">
        <h2 id="pec-mailboxes-title">{m('mailboxes')}</h2>
        <DataTable
          label={m('mailboxes')}
          caption={m('mailboxesCaption')}
          rows={overview.data?.pecMailboxes}
          error={overview.error}
          empty={m('noMailboxes')}
          columns={[
            { header: m('address'), rowHeader: true, breakAll: true, width: 'l', cell: (mailbox) => mailbox.address },
            { header: m('body'), width: 'm', cell: (mailbox) => mailbox.entity?.name },
            { header: m('provider'), width: 'm', cell: (mailbox) => mailbox.provider },
            { header: m('expiresOn'), nowrap: true, width: 's', cell: (mailbox) => formatDate(mailbox.expiresOn) },
            {
              header: m('daysLeft'),
              numeric: true,
              width: 's',
              cell: (mailbox) => (
                <Show when={mailbox.daysToExpiry !== null} fallback="—">
                  <Badge tone={tone(mailbox.daysToExpiry)}>{formatNumber(mailbox.daysToExpiry)}</Badge>
                </Show>
              ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="pec-messages-title">
        <h2 id="pec-messages-title">{m('messages')}</h2>
        <DataTable
          label={m('messages')}
          caption={m('messagesCaption')}
          source={messages}
          empty={m('noMessages')}
          pagerLabel={m('paging')}
          columns={[
            { header: m('subject'), rowHeader: true, width: 'l', cell: (message) => message.subject },
            { header: m('direction'), width: 's', cell: (message) => m(`directions.${message.direction}`) },
            { header: m('mailbox'), breakAll: true, width: 'm', cell: (message) => message.mailbox.address },
            { header: m('registeredAt'), nowrap: true, width: 's', cell: (message) => formatDateTime(message.registeredAt) },
            {
              header: m('state'),
              width: 's',
              cell: (message) => (
                <Badge tone={message.state === 'ERROR' ? 'warn' : message.state === 'DELIVERED' || message.state === 'RECEIVED' ? 'ok' : 'off'}>
                  {m(`states.${message.state}`)}
                </Badge>
              ),
            },
            {
              header: m('receipts'),
              width: 'l',
              cell: (message) => (
                <Show when={message.receipts.length > 0} fallback={<span class="muted">{m('noReceipts')}</span>}>
                  <details>
                    <summary aria-label={m('receiptsOf', { subject: message.subject })}>{m('showReceipts', { count: String(message.receipts.length) })}</summary>
                    <ul class="plain">
                      <For each={message.receipts}>
                        {(receipt) => (
                          <li>
                            {m(`receiptTypes.${receipt.type}`)} · {formatDateTime(receipt.issuedAt)}
                            <Show when={receipt.deliveryAddress}> · {receipt.deliveryAddress}</Show>
                            <Show when={receipt.errorDetail}> · {receipt.errorDetail}</Show>
                          </li>
                        )}
                      </For>
                    </ul>
                  </details>
                </Show>
              ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="pec-certificates-title">
        <h2 id="pec-certificates-title">{m('certificates')}</h2>
        <DataTable
          label={m('certificates')}
          caption={m('certificatesCaption')}
          rows={overview.data?.signatureCertificates}
          error={overview.error}
          empty={m('noCertificates')}
          columns={[
            { header: m('holder'), rowHeader: true, width: 'm', cell: (certificate) => certificate.holderName },
            { header: m('taxCode'), nowrap: true, width: 'm', cell: (certificate) => certificate.holderTaxCode },
            { header: m('body'), width: 'm', cell: (certificate) => certificate.entity?.name },
            { header: m('device'), width: 's', cell: (certificate) => m(`devices.${certificate.deviceType}`) },
            { header: m('status'), width: 's', cell: (certificate) => m(`certStatuses.${certificate.status}`) },
            { header: m('validTo'), nowrap: true, width: 's', cell: (certificate) => formatDate(certificate.validTo) },
            {
              header: m('daysLeft'),
              numeric: true,
              width: 's',
              cell: (certificate) => (
                <Badge tone={certificate.status === 'ACTIVE' ? tone(certificate.daysToExpiry) : 'off'}>{formatNumber(certificate.daysToExpiry)}</Badge>
              ),
            },
          ]}
        />
      </section>

      <section class="panel" aria-labelledby="pec-verify-title">
        <h2 id="pec-verify-title">{m('verify')}</h2>
        <p>{m('verifyIntro')}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void verify();
          }}
        >
          <Show when={bodies().length > 1}>
            <SelectField
              id="pec-verify-body"
              label={m('verifyBody')}
              value={chosenBody()}
              options={bodies().map((body) => ({ value: body.id, label: body.name }))}
              onValue={setEntityId}
            />
          </Show>
          <div
            class="drop-zone"
            classList={{ 'drop-zone-active': dragging() }}
            role="group"
            aria-label={m('dropZone')}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <p aria-hidden="true">{m('dropHere')}</p>
            <div class="field">
              <label for="pec-verify-file">{m('signedFile')}</label>
              <input
                id="pec-verify-file"
                name="pec-verify-file"
                type="file"
                accept=".p7m,.p7s,application/pkcs7-mime,application/pkcs7-signature"
                onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
              />
            </div>
            <Show when={file()}>{(chosen) => <p>{m('chosen', { name: chosen().name })}</p>}</Show>
          </div>
          <div class="field">
            <label for="pec-verify-content">{m('detachedContent')}</label>
            <input id="pec-verify-content" name="pec-verify-content" type="file" onChange={(event) => setContent(event.currentTarget.files?.[0] ?? null)} />
          </div>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={verifying()}>
              {verifying() ? m('verifying') : m('verifyButton')}
            </button>
          </div>
        </form>
        <ErrorNotice message={verifyError()} />
        <Show when={issues()}>
          {(list) => (
            <div class="notice notice-error" role="alert">
              <p>{m('issuesTitle')}</p>
              <ul>
                <For each={list()}>{(issue) => <li>{issue.message}</li>}</For>
              </ul>
            </div>
          )}
        </Show>
        <div role="status" aria-live="polite">
          <Show when={verification()}>
            {(result) => (
              <div class={`notice ${result().valid ? 'notice-success' : 'notice-error'}`}>
                <h3>{m('result')}</h3>
                <p>
                  <strong>{result().valid ? m('resultValid') : m('resultInvalid')}</strong>
                </p>
                <dl class="facts">
                  <div class="fact">
                    <dt>{m('signer')}</dt>
                    <dd>{result().signer.commonName ?? result().signer.subject}</dd>
                  </div>
                  <div class="fact">
                    <dt>{m('taxCode')}</dt>
                    <dd>{result().signer.taxCode ?? '—'}</dd>
                  </div>
                  <div class="fact">
                    <dt>{m('signingTime')}</dt>
                    <dd>{result().signer.signingTime ? formatDateTime(result().signer.signingTime) : m('unknownTime')}</dd>
                  </div>
                  <div class="fact">
                    <dt>{m('validity')}</dt>
                    <dd>
                      {m(result().signer.certificateValidAtSigningTime ? 'validAtSigning' : 'notValidAtSigning', {
                        from: formatDate(result().signer.certificateValidFrom),
                        to: formatDate(result().signer.certificateValidTo),
                      })}
                    </dd>
                  </div>
                  <div class="fact">
                    <dt>{m('integrity')}</dt>
                    <dd>{result().signer.intact ? m('intact') : m('notIntact')}</dd>
                  </div>
                  <div class="fact">
                    <dt>{m('trust')}</dt>
                    <dd>{result().signer.trusted ? m('trusted') : m('untrusted')}</dd>
                  </div>
                </dl>
                <p>{m('content', { name: result().contentName, size: formatNumber(result().contentSize) })}</p>
                <Show when={result().signer.problems.length > 0}>
                  <p>{m('problems')}:</p>
                  <ul>
                    <For each={result().signer.problems}>{(problem) => <li>{problem}</li>}</For>
                  </ul>
                </Show>
              </div>
            )}
          </Show>
        </div>
      </section>
    </>
  );
}
