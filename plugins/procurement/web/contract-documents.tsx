// A contract's documents: the list (kind, name, size, signed or not, who attached it and when), a
// download that goes through the API's route with the session's token (the route applies the same
// read check as the contract), and for writers an upload of a PDF or .p7m and removal.
import { createMutation, DataTable, describeTypedError, downloadFromRoute, ErrorNotice, formatDateTime, formatNumber, graphql, isTypedError, SelectField, t , SuccessNotice } from '@gea/web-kit';
import { createSignal, Show } from 'solid-js';
import type { Failure } from './failure.ts';
import { DOCUMENT_KINDS, m, type DocumentKind } from './messages.ts';

const Attach = graphql(`
  mutation ProcurementAttachDocument($contractId: ID!, $input: AttachContractDocumentInput!) {
    attachContractDocument(contractId: $contractId, input: $input) {
      __typename
      ... on ContractDocument { id fileName }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const Remove = graphql(`
  mutation ProcurementRemoveDocument($id: ID!) {
    removeContractDocument(id: $id) {
      __typename
      ... on MutationRemoveContractDocumentSuccess { data }
      ... on Error { code message }
    }
  }
`);

/** The API refuses more (15 MiB); checked here too, so nothing big is sent in vain. */
const MAX_BYTES = 15 * 1024 * 1024;

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** What the list shows of a document (the contract page's query selects it). */
export interface ContractDocumentRow {
  id: string;
  kind: DocumentKind;
  fileName: string;
  signed: boolean;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: string;
  downloadPath: string;
}

const sizeOf = (bytes: number) => (bytes < 1024 * 1024 ? `${formatNumber(Math.ceil(bytes / 1024))} kB` : `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`);

export function ContractDocuments(props: { contract: { id: string; documents: readonly ContractDocumentRow[] }; canWrite: boolean; onChanged: () => void }) {
  const [, attach] = createMutation(Attach);
  const [, remove] = createMutation(Remove);
  const [kind, setKind] = createSignal<DocumentKind>('SIGNED_CONTRACT');
  const [fileError, setFileError] = createSignal<string>();
  const [failure, setFailure] = createSignal<Failure>();
  const [saved, setSaved] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let fileInput!: HTMLInputElement;

  async function download(document: ContractDocumentRow) {
    setFailure(undefined);
    if (!(await downloadFromRoute(document.downloadPath, document.fileName))) setFailure({ message: m('downloadFailed') });
  }

  async function upload(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    setSaved(null);
    setFileError(undefined);
    const file = fileInput.files?.[0];
    if (!file) return setFileError(m('fileMissing'));
    if (file.size > MAX_BYTES) return setFileError(m('fileTooBig'));
    setBusy(true);
    const contentBase64 = base64Of(new Uint8Array(await file.arrayBuffer()));
    const outcome = await attach({ contractId: props.contract.id, input: { kind: kind(), fileName: file.name, contentBase64 } });
    setBusy(false);
    const value = outcome.data?.attachContractDocument;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return setFileError(value.issues.map((issue) => issue.message).join('; '));
    if (value.__typename === 'ContractDocument') {
      fileInput.value = '';
      props.onChanged();
      setSaved(m('attached', { name: value.fileName }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  async function drop(document: ContractDocumentRow) {
    if (!window.confirm(m('confirmRemoveDocument', { name: document.fileName }))) return;
    setFailure(undefined);
    setSaved(null);
    const outcome = await remove({ id: document.id });
    const value = outcome.data?.removeContractDocument;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'MutationRemoveContractDocumentSuccess') {
      props.onChanged();
      setSaved(m('removed', { name: document.fileName }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{m('documents')}</h2>
      <SuccessNotice focus message={saved()} />
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <DataTable
        label={m('documents')}
        rows={props.contract.documents}
        empty={m('noDocuments')}
        columns={[
          {
            header: m('file'),
            rowHeader: true,
            width: 'l',
            phone: true,
            breakAll: true,
            cell: (document) => (
              <button type="button" class="procurement-link" aria-label={m('download', { name: document.fileName })} onClick={() => void download(document)}>
                {document.fileName}
              </button>
            ),
          },
          {
            header: m('documentKind'),
            width: 's',
            phone: true,
            cell: (document) => `${m(`documentKinds.${document.kind}`)}${document.signed ? `, ${m('signedFile')}` : ''}`,
          },
          { header: m('size'), width: 'xs', numeric: true, nowrap: true, cell: (document) => sizeOf(document.sizeBytes) },
          { header: m('uploadedBy'), width: 'm', breakAll: true, cell: (document) => document.uploadedBy },
          { header: m('uploadedAt'), width: 's', cell: (document) => formatDateTime(document.uploadedAt) },
          {
            header: m('actions'),
            width: 's',
            hidden: !props.canWrite,
            cell: (document) => (
              <button type="button" class="button-secondary" aria-label={m('removeNamed', { name: document.fileName })} onClick={() => void drop(document)}>
                {m('remove')}
              </button>
            ),
          },
        ]}
      />
      <Show when={props.canWrite}>
        <form class="form form-grid" aria-labelledby="documents-attach" onSubmit={(event) => void upload(event)}>
          <fieldset disabled={busy()}>
            <legend id="documents-attach">{m('attach')}</legend>
            <SelectField
              id="document-kind"
              label={m('documentKind')}
              value={kind()}
              onValue={(value) => setKind(value as DocumentKind)}
              options={DOCUMENT_KINDS.map((value) => ({ value, label: m(`documentKinds.${value}`) }))}
            />
            <div class="field" classList={{ 'field-invalid': !!fileError() }}>
              <label for="document-file">{m('file')}</label>
              <p class="hint" id="document-file-hint">
                {m('fileHint')}
              </p>
              <Show when={fileError()}>
                <p class="field-error" id="document-file-error">
                  <span class="visually-hidden">{t('common.error')}: </span>
                  {fileError()}
                </p>
              </Show>
              <input
                ref={fileInput}
                type="file"
                id="document-file"
                name="document-file"
                accept=".pdf,.p7m,application/pdf,application/pkcs7-mime"
                aria-invalid={fileError() ? 'true' : undefined}
                aria-describedby={fileError() ? 'document-file-hint document-file-error' : 'document-file-hint'}
              />
            </div>
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button-primary" disabled={busy()}>
              {busy() ? m('attaching') : m('attach')}
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}
