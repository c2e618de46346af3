// Widgets: the frame every widget shows itself in (title, loading, empty, error, a link onwards),
// and the slot a core screen renders its installed widgets into.
import { A } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { ErrorBoundary, For, lazy, Show, Suspense, type Component, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { t } from '../i18n/index.ts';
import type { WidgetSlotName, WidgetSlots } from '../plugin.ts';
import { slotWidgets } from '../registry.ts';
import { useShell } from '../shell.tsx';
import { ErrorNotice, Loading } from './basics.tsx';

export interface WidgetFrameProps<T> {
  /** Unique on the page: the title's id is `widget-<id>-title`. */
  id: string;
  title: string;
  /** Undefined while the first answer is awaited. */
  data: T | undefined;
  error?: CombinedError | undefined;
  /** Whether there is nothing to show; default: an empty array. */
  isEmpty?: (data: T) => boolean;
  /** The sentence for nothing to show. */
  empty: string;
  /** A sentence above the content. */
  intro?: string;
  /** Where to go for the whole list. */
  link?: { href: string; label: string };
  children: (data: T) => JSX.Element;
}

export function WidgetFrame<T>(props: WidgetFrameProps<T>) {
  const empty = (data: T) => (props.isEmpty ? props.isEmpty(data) : Array.isArray(data) && data.length === 0);
  const titleId = () => `widget-${props.id}-title`;
  return (
    <section class="widget" aria-labelledby={titleId()}>
      <h3 id={titleId()}>{props.title}</h3>
      <ErrorNotice error={props.error} />
      <Show when={props.data} fallback={<Show when={!props.error}><Loading /></Show>}>
        {(data) => (
          <Show when={!empty(data())} fallback={<p class="muted">{props.empty}</p>}>
            <Show when={props.intro}>
              <p>{props.intro}</p>
            </Show>
            {props.children(data())}
          </Show>
        )}
      </Show>
      <Show when={props.link}>
        {(link) => (
          <p>
            <A href={link().href}>{link().label}</A>
          </p>
        )}
      </Show>
    </section>
  );
}

/** The items of a widget, one line each. */
export function WidgetList<Item>(props: { items: readonly Item[]; children: (item: Item) => JSX.Element }) {
  return (
    <ul>
      <For each={props.items}>{(item) => <li>{props.children(item)}</li>}</For>
    </ul>
  );
}

// One lazy component per widget definition, made once. Props are checked where the slot is declared
// and where a widget fills it; here every widget is loaded alike.
type AnyComponent = Component<Record<string, unknown>>;
const components = new WeakMap<() => Promise<unknown>, AnyComponent>();
function componentOf(widget: { load: () => Promise<unknown> }): AnyComponent {
  let component = components.get(widget.load);
  if (!component) components.set(widget.load, (component = lazy(widget.load as () => Promise<{ default: AnyComponent }>)));
  return component;
}

export interface WidgetSlotProps<S extends WidgetSlotName> {
  name: S;
  /**
   * The slot's props for each widget: a value, or made from the ids of the bodies where that
   * widget's module is enabled and its permission held (what `dashboard.attention` hands over).
   */
  props: WidgetSlots[S] | ((entityIds: readonly string[]) => WidgetSlots[S]);
  /** Only widgets the reader may use on this body (a body's page, an asset's). */
  entityId?: string | undefined;
  /** Shown when no widget is offered. */
  fallback?: JSX.Element;
  class?: string;
}

/**
 * The installed widgets of a slot, each loaded when first shown, for a reader who holds the
 * widget's permission on some body (or on `entityId`) with its module enabled there.
 */
export function WidgetSlot<S extends WidgetSlotName>(props: WidgetSlotProps<S>) {
  const shell = useShell();
  const offered = () =>
    slotWidgets(props.name)
      .map((widget) => {
        const bodies = shell().bodiesWithModule(widget.module, widget.permission);
        const entityIds = bodies.map((body) => body.id).filter((id) => props.entityId === undefined || id === props.entityId);
        return { widget, entityIds };
      })
      .filter((entry) => entry.entityIds.length > 0);
  const propsFor = (entityIds: readonly string[]) =>
    typeof props.props === 'function' ? (props.props as (ids: readonly string[]) => WidgetSlots[S])(entityIds) : props.props;
  return (
    <Show when={offered().length > 0} fallback={props.fallback}>
      <div class={props.class ?? 'widgets'}>
        <For each={offered()}>
          {(entry) => (
            <ErrorBoundary fallback={<ErrorNotice message={t('errors.widget')} />}>
              <Suspense fallback={<Loading />}>
                <Dynamic component={componentOf(entry.widget)} {...(propsFor(entry.entityIds) as Record<string, unknown>)} />
              </Suspense>
            </ErrorBoundary>
          )}
        </For>
      </div>
    </Show>
  );
}
