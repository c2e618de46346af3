// Shown over the current page when the session has expired or was ended: the person signs in again
// and what they were doing is retried; the page underneath, and what they typed, stays as it was.
import { ErrorNotice, t, TextField } from '@gea/web-kit';
import { createEffect, createSignal } from 'solid-js';
import { relogin } from '../client.ts';
import { loginErrorMessage } from './LoginPage.tsx';
import type { CombinedError } from '@urql/core';

export default function ReloginDialog() {
  let dialog!: HTMLDialogElement;
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();

  createEffect(() => {
    const request = relogin();
    if (request && !dialog.open) {
      setEmail(request.email ?? '');
      setPassword('');
      setFailure(undefined);
      dialog.showModal();
      (dialog.querySelector<HTMLInputElement>(request.email ? '#relogin-password' : '#relogin-email'))?.focus();
    } else if (!request && dialog.open) {
      dialog.close();
    }
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const request = relogin();
    if (!request) return;
    setBusy(true);
    setFailure(undefined);
    const error = await request.submit(email().trim(), password()).catch((e: unknown) => e as CombinedError);
    setBusy(false);
    if (error) {
      const message = loginErrorMessage(error);
      setFailure(message ? { message } : { error: error as CombinedError });
    }
  }

  return (
    <dialog
      ref={dialog}
      class="relogin"
      aria-labelledby="relogin-title"
      aria-describedby="relogin-intro"
      // Escape would leave the page waiting for a sign-in that never comes: the buttons decide.
      onCancel={(event) => event.preventDefault()}
    >
      <form class="form" onSubmit={(event) => void submit(event)}>
        <h2 id="relogin-title">{t('relogin.title')}</h2>
        <p id="relogin-intro">{t('relogin.intro')}</p>
        <ErrorNotice message={failure()?.message} error={failure()?.error} />
        <TextField id="relogin-email" label={t('login.email')} type="email" autocomplete="username" required value={email()} onValue={setEmail} />
        <TextField
          id="relogin-password"
          label={t('login.password')}
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onValue={setPassword}
        />
        <div class="form-actions">
          <button type="submit" class="button-primary" disabled={busy()}>
            {busy() ? t('login.signingIn') : t('relogin.submit')}
          </button>
          <button type="button" class="button-secondary" onClick={() => relogin()?.cancel()}>
            {t('relogin.signOut')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
