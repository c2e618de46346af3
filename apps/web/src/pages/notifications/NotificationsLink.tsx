// The header's link to the inbox, with the unread count in its accessible name.
import { graphql } from '@gea/web-kit';
import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createEffect, on, onCleanup, Show } from 'solid-js';
import { sm } from '../admin/shell-messages.ts';
import { unreadGeneration } from './unread.ts';

const UnreadQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export default function NotificationsLink() {
  const [result, refetch] = createQuery({ query: UnreadQuery });
  const again = () => refetch({ requestPolicy: 'network-only' });
  createEffect(on(unreadGeneration, again, { defer: true }));
  // New notifications come from scheduled jobs: look again now and then.
  const timer = setInterval(again, 120_000);
  onCleanup(() => clearInterval(timer));
  const count = () => result.data?.unreadNotificationCount ?? 0;
  return (
    <A href="/notifications" class="notifications-link" aria-label={count() > 0 ? sm('notificationsUnread', { count: count() }) : sm('notificationsNone')}>
      {sm('notificationsLink')}
      {/* The space keeps the visible text "Notifiche 3", which the accessible name contains. */}
      <Show when={count() > 0}>
        {' '}
        <span class="badge badge-warn" aria-hidden="true">
          {count()}
        </span>
      </Show>
    </A>
  );
}
