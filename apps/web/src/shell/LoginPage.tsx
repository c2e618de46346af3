// Sign-in: e-mail and password, and OpenID Connect (SPID, CIE...) when the server offers it.
import { announceNextPage, ErrorNotice, graphql, t, TextField } from '@gea/web-kit';
import { Navigate, useNavigate, useSearchParams } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { createSignal, onMount, Show } from 'solid-js';
import { LoginMutation } from '../client.ts';
import { saveSession, session } from '../session.ts';
import { LanguageSwitch, SkipLink } from './Layout.tsx';
import type { CombinedError } from '@urql/core';

const AuthMethodsQuery = graphql(`
  query AuthMethods {
    authMethods {
      password
      oidc
      oidcLoginUrl
    }
  }
`);

/** A sign-in refusal in words. */
export function loginErrorMessage(error: CombinedError | 'INVALID_CREDENTIALS' | null | undefined): string | undefined {
  if (!error) return undefined;
  if (error === 'INVALID_CREDENTIALS') return t('login.invalid');
  const limited = error.graphQLErrors.find((e) => e.extensions?.code === 'RATE_LIMITED');
  if (limited) return t('login.locked', { minutes: String(Math.max(1, Math.ceil(Number(limited.extensions?.retryAfterSeconds ?? 60) / 60))) });
  if (error.graphQLErrors.some((e) => e.extensions?.code === 'INVALID_CREDENTIALS')) return t('login.invalid');
  return undefined;
}

/** Only paths of this client, never another site, after signing in. */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/';
}

export default function LoginPage() {
  const client = useClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [methods] = createQuery({ query: AuthMethodsQuery, context: { skipAuth: true }, requestPolicy: 'cache-first' });
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  let emailInput: HTMLInputElement | undefined;

  onMount(() => {
    document.title = `${t('login.title')} · GEA`;
    emailInput?.focus();
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    const result = await client.mutation(LoginMutation, { email: email().trim(), password: password() }, { skipAuth: true }).toPromise();
    setBusy(false);
    const payload = result.data?.login;
    if (payload) {
      saveSession({ token: payload.token, expiresAt: payload.expiresAt, userId: payload.user.id, email: payload.user.email });
      // The first page's heading (the dashboard's) takes the focus, not the body of the page.
      announceNextPage();
      navigate(safeNext(params.next), { replace: true });
      return;
    }
    const message = loginErrorMessage(result.error);
    setFailure(message ? { message } : { error: result.error });
  }

  return (
    <Show when={!session()} fallback={<Navigate href={safeNext(params.next)} />}>
      <SkipLink />
      <div class="login-page">
        <header class="login-header">
          <p class="brand-name">GEA</p>
          <p class="brand-tagline">{t('shell.tagline')}</p>
          <LanguageSwitch id="login-language" />
        </header>
        <main id="main" tabindex="-1" class="login-main">
          <h1>{t('login.title')}</h1>
          <p>{t('login.intro')}</p>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />
          <Show when={methods.data?.authMethods.password ?? true}>
            <form class="form" onSubmit={(event) => void submit(event)} novalidate={false}>
              <TextField
                id="email"
                label={t('login.email')}
                type="email"
                autocomplete="username"
                required
                value={email()}
                onValue={setEmail}
                ref={(element: HTMLInputElement) => (emailInput = element)}
              />
              <TextField
                id="password"
                label={t('login.password')}
                type="password"
                autocomplete="current-password"
                required
                value={password()}
                onValue={setPassword}
              />
              <div class="form-actions">
                <button type="submit" class="button-primary" disabled={busy()}>
                  {busy() ? t('login.signingIn') : t('login.submit')}
                </button>
              </div>
            </form>
          </Show>
          <Show when={methods.data?.authMethods.oidc && methods.data.authMethods.oidcLoginUrl}>
            {(url) => (
              <div class="oidc">
                <p>{t('login.or')}</p>
                <a class="button button-secondary" href={url()} rel="external">
                  {t('login.oidc')}
                </a>
              </div>
            )}
          </Show>
        </main>
      </div>
    </Show>
  );
}
