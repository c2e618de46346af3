// A group of checkboxes to choose bodies (those a contract serves, a project's participants), with
// its legend, hint and error tied to the group.
import { For, Show } from 'solid-js';
import { t } from '@gea/web-kit';

export function BodyChecklist(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  bodies: readonly { id: string; name: string }[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const toggle = (id: string, on: boolean) =>
    props.onChange(on ? [...new Set([...props.selected, id])] : props.selected.filter((selected) => selected !== id));
  const describedBy = () => [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={props.id} class="procurement-checks" tabindex="-1" aria-describedby={describedBy()} classList={{ 'field-invalid': !!props.error }}>
      <legend>{props.legend}</legend>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={`${props.id}-error`}>
          <span class="visually-hidden">{t('common.error')}: </span>
          {props.error}
        </p>
      </Show>
      <For each={props.bodies}>
        {(body) => (
          <label>
            <input type="checkbox" name={props.id} value={body.id} checked={props.selected.includes(body.id)} onChange={(event) => toggle(body.id, event.currentTarget.checked)} />
            {body.name}
          </label>
        )}
      </For>
    </fieldset>
  );
}
