// A modal question before an action that is hard to undo (switching a module off, disabling an
// account, revoking). Cancel is the default: it has the focus, and Escape means Cancel. The focus
// goes back to where it was when the dialog closes.
import { createSignal, For, Show, type JSX } from 'solid-js';
import { am } from './messages.ts';

export interface ConfirmRequest {
  title: string;
  /** Paragraphs: what happens, what stops working. */
  paragraphs: readonly string[];
  /** The confirm button's words (`Disable Mario Rossi`). */
  confirm: string;
}

/** `ask` opens the dialog and resolves true on confirm, false on cancel; render `dialog` once in the page. */
export function createConfirm(idPrefix: string): { ask: (request: ConfirmRequest) => Promise<boolean>; dialog: JSX.Element } {
  let element!: HTMLDialogElement;
  let cancelButton!: HTMLButtonElement;
  const [request, setRequest] = createSignal<ConfirmRequest>();
  let settle: ((answer: boolean) => void) | undefined;
  let returnFocus: HTMLElement | null = null;

  function close(answer: boolean) {
    if (element.open) element.close();
    const done = settle;
    settle = undefined;
    setRequest(undefined);
    returnFocus?.focus();
    done?.(answer);
  }

  function ask(next: ConfirmRequest): Promise<boolean> {
    settle?.(false);
    returnFocus = document.activeElement as HTMLElement | null;
    setRequest(next);
    element.showModal();
    cancelButton.focus();
    return new Promise((resolve) => (settle = resolve));
  }

  const dialog = (
    <dialog
      ref={element}
      class="relogin confirm-dialog"
      aria-labelledby={`${idPrefix}-confirm-title`}
      aria-describedby={`${idPrefix}-confirm-text`}
      onCancel={(event) => {
        event.preventDefault();
        close(false);
      }}
    >
      <Show when={request()}>
        {(current) => (
          <>
            <h2 id={`${idPrefix}-confirm-title`}>{current().title}</h2>
            <div id={`${idPrefix}-confirm-text`}>
              <For each={current().paragraphs}>{(paragraph) => <p>{paragraph}</p>}</For>
            </div>
          </>
        )}
      </Show>
      <div class="form-actions">
        <button type="button" class="button-secondary" ref={cancelButton} onClick={() => close(false)}>
          {am('cancel')}
        </button>
        <button type="button" class="button-primary button-danger" onClick={() => close(true)}>
          {request()?.confirm ?? am('confirm')}
        </button>
      </div>
    </dialog>
  );
  return { ask, dialog };
}
