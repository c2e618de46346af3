// The three parts of "Software e licenze": catalogue, licences, renewal planning. A plain list of
// links with the current one marked, so that each part is one click from the others.
import { A, useLocation } from '@solidjs/router';
import { For } from 'solid-js';
import { s } from './software-messages.ts';
import './software.css';

const parts = [
  { href: '/inventory/software', label: () => s('catalogue'), exact: true },
  { href: '/inventory/software/licences', label: () => s('licences'), exact: false },
  { href: '/inventory/software/renewals', label: () => s('renewals'), exact: false },
] as const;

export function SoftwareTabs() {
  const location = useLocation();
  const current = (part: (typeof parts)[number]) =>
    part.exact ? location.pathname === part.href : location.pathname === part.href || location.pathname.startsWith(`${part.href}/`);
  return (
    <nav class="software-tabs" aria-label={s('tabs')}>
      <ul>
        <For each={parts}>
          {(part) => (
            <li>
              <A href={part.href} aria-current={current(part) ? 'page' : undefined} end={part.exact}>
                {part.label()}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
