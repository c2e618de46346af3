// Suspend, reactivate or revoke a certificate, each after a confirmation that says what follows
// (revocation is final: a revoked certificate offers no action).
import { createMutation, describeTypedError, ErrorNotice, graphql, isTypedError , SuccessNotice } from '@gea/web-kit';
import type { CombinedError } from '@urql/core';
import { createSignal, For, Show } from 'solid-js';
import type { CertificateStatus } from './codes.ts';
import { m } from './messages.ts';

const SetStatus = graphql(`
  mutation PecSetCertificateStatus($id: ID!, $status: SignatureCertificateStoredStatus!, $expectedVersion: Int) {
    setSignatureCertificateStatus(id: $id, status: $status, expectedVersion: $expectedVersion) {
      __typename
      ... on SignatureCertificate {
        id
        version
        status
      }
      ... on StaleVersionError {
        currentVersion
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

type Target = 'ACTIVE' | 'SUSPENDED' | 'REVOKED';
const ACTIONS: Record<Target, { label: 'reactivate' | 'suspend' | 'revoke'; confirm: 'confirmReactivate' | 'confirmSuspend' | 'confirmRevoke' }> = {
  SUSPENDED: { label: 'suspend', confirm: 'confirmSuspend' },
  ACTIVE: { label: 'reactivate', confirm: 'confirmReactivate' },
  REVOKED: { label: 'revoke', confirm: 'confirmRevoke' },
};

/** The changes open from a status: expired counts as active (it can still be suspended or revoked). */
const targetsFrom = (status: CertificateStatus): Target[] =>
  status === 'REVOKED' ? [] : status === 'SUSPENDED' ? ['ACTIVE', 'REVOKED'] : ['SUSPENDED', 'REVOKED'];

export function CertificateStatusPanel(props: { id: string; holder: string; status: CertificateStatus; canWrite: boolean; version: number; onChanged: (version: number) => void }) {
  const [asked, setAsked] = createSignal<Target | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const [, setStatus] = createMutation(SetStatus);

  async function confirm(target: Target) {
    setBusy(true);
    setFailure(undefined);
    const outcome = await setStatus({ id: props.id, status: target, expectedVersion: props.version });
    setBusy(false);
    setAsked(null);
    const value = outcome.data?.setSignatureCertificateStatus;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'SignatureCertificate') {
      setDone(m('statusChanged', { status: m(`certStatuses.${value.status}`) }));
      props.onChanged(value.version);
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <section aria-labelledby="certificate-status-title">
      <h2 id="certificate-status-title">{m('statusTitle')}</h2>
      <p>{m('currentStatus', { status: m(`certStatuses.${props.status}`) })}</p>
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice focus message={done()} />
      <Show when={props.status === 'REVOKED'}>
        <p class="notice notice-info">{m('revokedForGood')}</p>
      </Show>
      <Show when={props.canWrite && targetsFrom(props.status).length > 0}>
        <Show
          when={asked()}
          fallback={
            <div class="form-actions">
              <For each={targetsFrom(props.status)}>
                {(target) => (
                  <button type="button" class={target === 'REVOKED' ? 'button-danger' : 'button-secondary'} onClick={() => setAsked(target)}>
                    {m(ACTIONS[target].label)}
                  </button>
                )}
              </For>
            </div>
          }
        >
          {(target) => (
            <div class="notice confirm-box" role="group" aria-labelledby="certificate-confirm-text" tabindex="-1" ref={(element) => queueMicrotask(() => element.focus())}>
              <p id="certificate-confirm-text">{m(ACTIONS[target()].confirm, { holder: props.holder })}</p>
              <div class="form-actions">
                <button type="button" class="button-primary" disabled={busy()} onClick={() => void confirm(target())}>
                  {m('confirm')} ({m(ACTIONS[target()].label)})
                </button>
                <button type="button" class="button-secondary" disabled={busy()} onClick={() => setAsked(null)}>
                  {m('cancel')}
                </button>
              </div>
            </div>
          )}
        </Show>
      </Show>
    </section>
  );
}
