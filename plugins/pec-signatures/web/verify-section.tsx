// Verifying a signed file (dropped or chosen; sent as a GraphQL multipart request, which urql's
// fetch exchange builds for File variables). What the verifier found is shown by its stable code,
// in the reader's language: the API's Italian or English sentence under a label of the client's.
import { describeError, ErrorNotice, formatDate, formatDateTime, formatNumber, graphql, locale, SelectField, useClient, useShell, type ResultOf } from '@gea/web-kit';
import { createSignal, For, Show } from 'solid-js';
import { m } from './messages.ts';

const VerifyMutation = graphql(`
  mutation PecVerifySignature($entityId: ID!, $file: Upload!, $content: Upload) {
    verifySignature(entityId: $entityId, file: $file, content: $content) {
      __typename
      ... on SignatureVerification {
        valid
        status
        format
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
          issues {
            code
            message
            messageEn
          }
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
type Issue = Verification['signer']['issues'][number];

/** A verifier's finding: the client's label for its code, then the details in the reader's language. */
export function issueText(issue: Pick<Issue, 'code' | 'message' | 'messageEn'>): string {
  // A code newer than this client has no label of its own: the API's sentence still says what it is.
  const label = m(`issueCodes.${issue.code}`) as string | undefined;
  return `${label || m('otherIssue')}: ${locale() === 'it' ? issue.message : issue.messageEn}`;
}

export function VerifySection() {
  const shell = useShell();
  const client = useClient();
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
                <strong>{m(`verificationStatuses.${result().status}`)}</strong>
              </p>
              <dl class="facts">
                <div class="fact">
                  <dt>{m('format')}</dt>
                  <dd>{m(`formats.${result().format}`)}</dd>
                </div>
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
              <Show when={result().signer.issues.length > 0}>
                <p>{m('problems')}:</p>
                <ul class="signature-issues">
                  <For each={result().signer.issues}>{(issue) => <li>{issueText(issue)}</li>}</For>
                </ul>
              </Show>
            </div>
          )}
        </Show>
      </div>
    </section>
  );
}
