// Example protocol-system client for GEA: registers a PEC message of its mailbox and posts the
// receipts it got for it (daticert.xml files), then prints where the message stands.
//
//   GEA_TOKEN=gea_... npm start --workspace @gea/protocol-client -- \
//     --sender protocollo@pec.comune.cantagallo.example.it \
//     --message-id '<20261120103000.7c1e5a@pec.comune.cantagallo.example.it>' \
//     --to ufficio.tributi@pec.destinatario.example.it --to protocollo@pec.comune.carmignano.example.it \
//     --subject 'Trasmissione determinazione n. 123 del 20/11/2026' \
//     apps/protocol-client/examples/*.xml
//
// File paths are taken from the folder npm was started in (npm runs the script in this workspace's
// folder). See docs/integrations/protocol-systems.md, section 10.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, CombinedError, fetchExchange, gql, type AnyVariables, type DocumentInput } from '@urql/core';

const url = process.env.GEA_API_URL ?? 'http://127.0.0.1:4000/graphql';
const token = process.env.GEA_TOKEN;
if (!token) {
  console.error('Set GEA_TOKEN to the API token of this protocol system (gea_..., from createApiToken).');
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sender: { type: 'string' },
    'message-id': { type: 'string' },
    to: { type: 'string', multiple: true },
    subject: { type: 'string' },
    'protocol-number': { type: 'string' },
    'protocol-date': { type: 'string' },
  },
});
if (!values.sender || !values['message-id'] || !values.to?.length || values.subject === undefined) {
  console.error('Usage: --sender <mailbox> --message-id <id> --to <address> [--to ...] --subject <text> [--protocol-number N --protocol-date YYYY-MM-DD] [daticert.xml ...]');
  process.exit(2);
}

// `npm start --workspace` runs this in apps/protocol-client; INIT_CWD is where the user typed the command.
const base = process.env.INIT_CWD ?? process.cwd();
// Every receipt file is read before anything is written: a wrong path stops here, with nothing registered.
const receipts: { file: string; daticert: string }[] = [];
for (const file of positionals) {
  try {
    receipts.push({ file, daticert: await readFile(path.resolve(base, file), 'utf8') });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    console.error(`${file}: cannot read it (${reason}; paths are relative to ${base}). Nothing was registered.`);
    process.exit(2);
  }
}

const client = new Client({
  url,
  exchanges: [fetchExchange],
  requestPolicy: 'network-only',
  // POST for everything; the x-gea-client header is what GEA's CSRF protection asks of any request
  // a browser could send cross-site (GET, multipart uploads): send it always.
  preferGetMethod: false,
  fetchOptions: () => ({ headers: { authorization: `Bearer ${token}`, 'x-gea-client': 'protocol-client' } }),
});

/** An answer that may be retried: no answer at all, or the server's 5xx. Business errors are final. */
function isTransient(error: CombinedError): boolean {
  const status = (error.response as Response | undefined)?.status ?? 0;
  return !!error.networkError || status >= 500;
}

/**
 * Both GEA mutations used here are idempotent (the same message or receipt again returns what is
 * stored), so a request whose answer was lost is simply sent again.
 */
async function call<Data, Variables extends AnyVariables>(kind: 'query' | 'mutation', document: DocumentInput<Data, Variables>, variables: Variables): Promise<Data> {
  for (let attempt = 1; ; attempt++) {
    const result = await (kind === 'query' ? client.query(document, variables) : client.mutation(document, variables)).toPromise();
    if (!result.error) return result.data as Data;
    const codes = result.error.graphQLErrors.map((e) => e.extensions?.code);
    if (!isTransient(result.error) || attempt === 5) {
      throw new Error(`${result.error.message}${codes.length ? ` (${codes.join(', ')})` : ''}`);
    }
    const delay = 500 * 2 ** (attempt - 1);
    console.warn(`attempt ${attempt} failed (${result.error.message}); retrying in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

type MailboxNode = { id: string; address: string; registryOffice: { code: string } | null };
// The mailboxes whose address contains the sender's (a page is plenty: the exact one is among them).
const MAILBOXES = gql<{ pecMailboxes: { totalCount: number; edges: { node: MailboxNode }[] } }>`
  query Mailboxes($address: String!) {
    pecMailboxes(first: 50, filter: { text: $address }) { totalCount edges { node { id address registryOffice { code } } } }
  }
`;

const REGISTER_MESSAGE = gql`
  mutation RegisterMessage($input: RegisterPecMessageInput!) {
    registerPecMessage(input: $input) {
      __typename
      ... on PecMessage { id state }
      ... on Error { code reason: message }
      ... on InputError { issues { path message } }
    }
  }
`;

const REGISTER_RECEIPT = gql`
  mutation RegisterReceipt($mailboxId: ID!, $daticert: String!) {
    registerPecReceipt(mailboxId: $mailboxId, daticert: $daticert) {
      __typename
      ... on PecReceipt { id type identifier message { id messageId state } }
      ... on Error { code reason: message }
      ... on InputError { issues { path message } }
    }
  }
`;

const MESSAGE = gql`
  query Message($id: ID!) {
    node(id: $id) {
      ... on PecMessage {
        messageId state protocolNumber
        recipients { address kind state deliveredAt error }
        receipts { type issuedAt identifier }
      }
    }
  }
`;

type Outcome = { __typename: string; code?: string; reason?: string; issues?: { path: string[]; message: string }[] } & Record<string, unknown>;
function explain(outcome: Outcome): string {
  if (outcome.issues) return outcome.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return `${outcome.code}: ${outcome.reason}`;
}

const sender = values.sender.trim().toLowerCase();
const { pecMailboxes } = await call('query', MAILBOXES, { address: sender });
const mailbox = pecMailboxes.edges.map((edge) => edge.node).find((m) => m.address === sender);
if (!mailbox) {
  console.error(`This token sees no mailbox ${sender}.`);
  process.exit(1);
}

const registered = (await call('mutation', REGISTER_MESSAGE, {
  input: {
    mailboxId: mailbox.id,
    direction: 'OUTGOING',
    messageId: values['message-id'],
    subject: values.subject,
    sender,
    recipients: values.to,
    ...(values['protocol-number'] ? { protocolNumber: values['protocol-number'], protocolDate: values['protocol-date'] } : {}),
  },
})) as { registerPecMessage: Outcome & { id?: string; state?: string } };
if (registered.registerPecMessage.__typename !== 'PecMessage') {
  console.error(`message refused: ${explain(registered.registerPecMessage)}`);
  process.exit(1);
}
const messageId = registered.registerPecMessage.id!;
console.log(`message registered (${registered.registerPecMessage.state}) in AOO ${mailbox.registryOffice?.code ?? '-'}: ${messageId}`);

let refused = 0;
for (const { file, daticert } of receipts) {
  const posted = (await call('mutation', REGISTER_RECEIPT, { mailboxId: mailbox.id, daticert })) as {
    registerPecReceipt: Outcome & { type?: string; message?: { id: string; messageId: string; state: string } };
  };
  const receipt = posted.registerPecReceipt;
  if (receipt.__typename === 'PecReceipt' && receipt.message!.id === messageId) console.log(`${file}: ${receipt.type} recorded, message now ${receipt.message!.state}`);
  else if (receipt.__typename === 'PecReceipt') {
    // GEA files a receipt under the message its msgid names, which may be another one of the mailbox.
    refused++;
    console.error(`${file}: ${receipt.type} recorded for another message, <${receipt.message!.messageId}> (its msgid), not this one`);
  } else {
    refused++;
    console.error(`${file}: refused, ${explain(receipt)}`);
  }
}

const final = (await call('query', MESSAGE, { id: messageId })) as {
  node: { state: string; recipients: { address: string; state: string; error: string | null }[] };
};
console.log(JSON.stringify(final.node, null, 2));
const STATES: Record<string, string> = {
  SENT: 'no receipt yet',
  ACCEPTED: "accepted by the sender's provider, not yet delivered to any recipient",
  PARTIALLY_DELIVERED: 'delivered to some recipients; the others are waiting for a delivery receipt or failed',
  DELIVERED: 'delivered to every recipient',
  ERROR: 'not accepted, or not delivered to any recipient',
};
const waiting = final.node.recipients.filter((r) => r.state !== 'DELIVERED').map((r) => `${r.address} (${r.state}${r.error ? `: ${r.error}` : ''})`);
console.log(`message ${final.node.state}: ${STATES[final.node.state] ?? final.node.state}${waiting.length ? `; not delivered: ${waiting.join(', ')}` : ''}`);
process.exit(refused > 0 ? 1 : 0);
