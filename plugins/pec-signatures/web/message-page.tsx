// One PEC message: where it stands, its recipients and how far delivery to each went, and its
// receipts in the order they were issued, each with its original files to download (the
// daticert.xml, and the provider's signed .eml when the receipt was registered as one).
import {
  Badge,
  createQuery,
  DataTable,
  describeError,
  downloadBlob,
  ErrorNotice,
  formatDate,
  formatDateTime,
  graphql,
  NodePage,
  PageHeading,
  type ResultOf,
  SuccessNotice,
  t,
  useClient,
} from '@gea/web-kit';
import { A, useParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { messageTone } from './messages-section.tsx';
import { m } from './messages.ts';

const MessageQuery = graphql(`
  query PecMessage($id: ID!) {
    node(id: $id) {
      __typename
      ... on PecMessage {
        id
        subject
        sender
        direction
        state
        messageId
        protocolNumber
        protocolDate
        registeredAt
        mailbox {
          id
          address
          entity {
            id
            name
          }
        }
        recipients {
          address
          kind
          state
          deliveredAt
          error
        }
        receipts {
          id
          type
          issuedAt
          issuer
          deliveryAddress
          error
          errorDetail
          source
          envelopeSignature {
            valid
          }
        }
      }
    }
  }
`);

const ReceiptFiles = graphql(`
  query PecReceiptFiles($id: ID!, $eml: Boolean!) {
    node(id: $id) {
      __typename
      ... on PecReceipt {
        id
        xml
        emlBase64 @include(if: $eml)
      }
    }
  }
`);

type Message = Extract<NonNullable<ResultOf<typeof MessageQuery>['node']>, { __typename: 'PecMessage' }>;
type Receipt = Message['receipts'][number];

/** `daticert-avvenuta-consegna-2026-12-01-2.xml`: the receipt's type in Italian, its day and its place in the message. */
const fileName = (receipt: Receipt, position: number, extension: 'xml' | 'eml') =>
  `${extension === 'xml' ? 'daticert' : 'ricevuta'}-${receipt.type.toLowerCase().replace(/_/g, '-')}-${receipt.issuedAt.slice(0, 10)}-${position + 1}.${extension}`;

const base64ToBytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export default function MessagePage() {
  const params = useParams<{ id: string }>();
  const client = useClient();
  const [result] = createQuery({ query: MessageQuery, variables: () => ({ id: decodeURIComponent(params.id) }) });
  const message = () => (result.data?.node?.__typename === 'PecMessage' ? result.data.node : undefined);
  const [downloaded, setDownloaded] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string>();

  async function download(receipt: Receipt, position: number, kind: 'xml' | 'eml') {
    setDownloaded(null);
    setFailure(undefined);
    const outcome = await client.query(ReceiptFiles, { id: receipt.id, eml: kind === 'eml' }, { requestPolicy: 'network-only' }).toPromise();
    const node = outcome.data?.node;
    if (!node || node.__typename !== 'PecReceipt') return setFailure(outcome.error ? describeError(outcome.error) : t('errors.notFound'));
    const name = fileName(receipt, position, kind);
    if (kind === 'xml') downloadBlob(new Blob([node.xml], { type: 'application/xml;charset=utf-8' }), name);
    else if (node.emlBase64) downloadBlob(new Blob([base64ToBytes(node.emlBase64)], { type: 'message/rfc822' }), name);
    else return setFailure(t('errors.notFound'));
    setDownloaded(m('downloaded', { file: name }));
  }

  return (
    <NodePage error={result.error} loaded={!!result.data} node={message()} notFound={m('messageNotFound')}>
      {(current) => (
        <>
          <p class="breadcrumb">
            <A href="/pec-signatures">{t('common.back')}</A>
          </p>
          <PageHeading title={m('messageTitle', { subject: current().subject })}>
            <p class="lead">
              {current().mailbox.entity?.name} · {m(`directions.${current().direction}`)} ·{' '}
              <Badge tone={messageTone(current().state)}>{m(`states.${current().state}`)}</Badge>
            </p>
          </PageHeading>
          <dl class="facts">
            <div class="fact">
              <dt>{m('mailbox')}</dt>
              <dd class="break">{current().mailbox.address}</dd>
            </div>
            <div class="fact">
              <dt>{m('sender')}</dt>
              <dd class="break">{current().sender}</dd>
            </div>
            <div class="fact">
              <dt>{m('messageId')}</dt>
              <dd class="break">{current().messageId}</dd>
            </div>
            <div class="fact">
              <dt>{m('protocolNumber')}</dt>
              <dd>
                {current().protocolNumber
                  ? m('protocolOf', { number: current().protocolNumber!, date: formatDate(current().protocolDate) })
                  : m('notProtocolled')}
              </dd>
            </div>
            <div class="fact">
              <dt>{m('registeredAt')}</dt>
              <dd>{formatDateTime(current().registeredAt)}</dd>
            </div>
          </dl>

          <section aria-labelledby="message-recipients-title">
            <h2 id="message-recipients-title">{m('recipients')}</h2>
            <DataTable
              label={m('recipients')}
              caption={m('recipientsCaption')}
              rows={current().recipients}
              empty="—"
              columns={[
                { header: m('address'), rowHeader: true, breakAll: true, width: 'l', phone: true, cell: (recipient) => recipient.address },
                { header: m('recipientKind'), width: 's', cell: (recipient) => (recipient.kind ? m(`recipientKinds.${recipient.kind}`) : '—') },
                {
                  header: m('state'),
                  width: 's',
                  phone: true,
                  cell: (recipient) => <Badge tone={recipient.state === 'ERROR' ? 'warn' : recipient.state === 'DELIVERED' ? 'ok' : 'off'}>{m(`recipientStates.${recipient.state}`)}</Badge>,
                },
                { header: m('deliveredAt'), nowrap: true, width: 's', cell: (recipient) => formatDateTime(recipient.deliveredAt) },
                { header: m('error'), width: 'm', cell: (recipient) => recipient.error ?? '' },
              ]}
            />
          </section>

          <section aria-labelledby="message-receipts-title">
            <h2 id="message-receipts-title">{m('receipts')}</h2>
            <ErrorNotice message={failure()} />
            <SuccessNotice focus message={downloaded()} />
            <DataTable
              label={m('receipts')}
              caption={m('receiptsCaption')}
              rows={current().receipts}
              empty={m('noReceipts')}
              columns={[
                { header: m('receiptType'), rowHeader: true, width: 'm', phone: true, cell: (receipt) => m(`receiptTypes.${receipt.type}`) },
                { header: m('issuedAt'), nowrap: true, width: 's', phone: true, cell: (receipt) => formatDateTime(receipt.issuedAt) },
                {
                  header: m('about'),
                  breakAll: true,
                  width: 'm',
                  cell: (receipt) => [receipt.deliveryAddress, receipt.errorDetail].filter(Boolean).join(' · ') || '—',
                },
                {
                  header: m('envelope'),
                  width: 's',
                  cell: (receipt) =>
                    receipt.source === 'EML' ? (receipt.envelopeSignature?.valid ? m('envelopeValid') : m('envelopeInvalid')) : m('noEnvelope'),
                },
                {
                  header: m('originalFiles'),
                  width: 'm',
                  phone: true,
                  cell: (receipt) => {
                    const position = current().receipts.indexOf(receipt);
                    const when = formatDateTime(receipt.issuedAt);
                    const type = m(`receiptTypes.${receipt.type}`);
                    return (
                      <span class="file-links">
                        <button type="button" class="button-secondary" aria-label={m('downloadXmlLabel', { type, when })} onClick={() => void download(receipt, position, 'xml')}>
                          {m('downloadXml')}
                        </button>
                        <Show when={receipt.source === 'EML'}>
                          {' '}
                          <button type="button" class="button-secondary" aria-label={m('downloadEmlLabel', { type, when })} onClick={() => void download(receipt, position, 'eml')}>
                            {m('downloadEml')}
                          </button>
                        </Show>
                      </span>
                    );
                  },
                },
              ]}
            />
          </section>
        </>
      )}
    </NodePage>
  );
}
