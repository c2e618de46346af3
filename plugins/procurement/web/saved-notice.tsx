// The notice after a save: announced, and given the focus so that keyboard and screen-reader users
// land on what changed (as the asset page's heading does after a navigation).
import { createEffect, on, Show } from 'solid-js';

export function SavedNotice(props: { message: string | null }) {
  let box: HTMLParagraphElement | undefined;
  createEffect(on(() => props.message, (message) => message && queueMicrotask(() => box?.focus())));
  return (
    <div class="notice-region" role="status" aria-live="polite">
      <Show when={props.message}>
        <div class="notice notice-success">
          <p tabindex="-1" ref={box}>
            {props.message}
          </p>
        </div>
      </Show>
    </div>
  );
}
