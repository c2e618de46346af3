// A success notice that takes the focus when it appears: after saving, the keyboard and the screen
// reader continue from what just happened, not from the button that was pressed.
import { Show } from 'solid-js';

export function SavedNotice(props: { message: string | null | undefined }) {
  return (
    <div class="notice-region" role="status" aria-live="polite">
      <Show when={props.message}>
        <div class="notice notice-success" tabindex="-1" ref={(element) => queueMicrotask(() => element.focus())}>
          <p>{props.message}</p>
        </div>
      </Show>
    </div>
  );
}
