// The signed-in session of this browser tab.
//
// The bearer token is kept in sessionStorage, not localStorage or a cookie:
// - it survives a reload of the tab but ends with it: on the shared PCs of a town hall, closing
//   the browser tab is enough to leave nothing signed in behind (the server ends it after 12 hours
//   anyway, and `logout` at once);
// - each tab has its own session, so signing out or in as someone else in one tab cannot silently
//   change who is acting in another;
// - it is never sent by the browser on its own, as a cookie would be, so no request forged by
//   another site can carry it (the API's CSRF header check is a second line);
// - like any storage readable by scripts it is exposed to injected scripts: the client renders
//   text only (no innerHTML) and the server sends a Content-Security-Policy that allows no inline
//   or foreign scripts.
import { createSignal } from 'solid-js';

export interface Session {
  token: string;
  /** ISO instant: after it the API answers SESSION_EXPIRED. */
  expiresAt: string;
  /** Known after sign-in or the first `me`; used to tell whether a re-login is the same person. */
  userId?: string;
  email?: string;
}

const KEY = 'gea.session';

function read(): Session | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return value && typeof value.token === 'string' && typeof value.expiresAt === 'string' ? value : null;
  } catch {
    return null;
  }
}

const [current, setCurrent] = createSignal<Session | null>(typeof sessionStorage === 'undefined' ? null : read());

export const session = current;

export function saveSession(next: Session): void {
  setCurrent(next);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // storage blocked: the session lasts until the page is closed or reloaded
  }
}

export function clearSession(): void {
  setCurrent(null);
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}

/** Records who the session belongs to, once the API has told. */
export function rememberUser(userId: string, email: string): void {
  const value = current();
  if (value && (value.userId !== userId || value.email !== email)) saveSession({ ...value, userId, email });
}

export function isExpired(value: Session | null = current(), now = Date.now()): boolean {
  return value !== null && Date.parse(value.expiresAt) <= now;
}

/**
 * OpenID Connect sign-in comes back to `/#token=...&expiresAt=...`: keep the session and take the
 * token out of the address bar (and of the history) at once.
 */
export function takeSessionFromLocationHash(): void {
  const hash = new URLSearchParams(location.hash.slice(1));
  const token = hash.get('token');
  const expiresAt = hash.get('expiresAt');
  if (!token || !expiresAt) return;
  saveSession({ token, expiresAt });
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}
