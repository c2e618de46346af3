// Which module each body has enabled, as a matrix of bodies x modules with a switch per cell. A
// module serves everyone once at least half of the bodies want it (art. 11.4): the counts say so.
import { describeTypedError, ErrorNotice, graphql, isTypedError, Loading, moduleLabel, PageHeading, SuccessNotice, t, TableWrap } from '@gea/web-kit';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { createConfirm } from './admin/ConfirmDialog.tsx';
import { am } from './admin/messages.ts';

const ModuleMatrixQuery = graphql(`
  query ModuleMatrix {
    installedPlugins {
      key
      name
      description
    }
    entities(first: 100) {
      edges {
        node {
          id
          name
          modules {
            key
            enabled
          }
        }
      }
    }
  }
`);

const SetModuleMutation = graphql(`
  mutation SetModuleEnabled($entityId: ID!, $module: String!, $enabled: Boolean!) {
    setModuleEnabled(entityId: $entityId, module: $module, enabled: $enabled) {
      __typename
      ... on Entity {
        id
        enabledModules
        modules {
          key
          enabled
          since
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

export default function Modules() {
  const [result] = createQuery({ query: ModuleMatrixQuery });
  const [, setModule] = createMutation(SetModuleMutation);
  const [pending, setPending] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: Parameters<typeof ErrorNotice>[0]['error'] }>();
  const [done, setDone] = createSignal<string | null>(null);
  const bodies = () => result.data?.entities.edges.map((edge) => edge.node) ?? [];
  const plugins = () => result.data?.installedPlugins ?? [];
  const confirm = createConfirm('module');
  const enabledCount = (key: string) => bodies().filter((body) => body.modules.some((m) => m.key === key && m.enabled)).length;

  async function toggle(input: HTMLInputElement, body: { id: string; name: string }, module: { key: string; name: string }) {
    const enabled = input.checked;
    setFailure(undefined);
    setDone(null);
    // One click would switch a module off for a whole municipality: it stays on until confirmed.
    if (!enabled) {
      input.checked = true;
      const names = { module: module.name, body: body.name };
      const yes = await confirm.ask({
        title: am('moduleOffTitle', names),
        paragraphs: [am('moduleOffEffect', names), am('moduleOffKept')],
        confirm: am('moduleOffConfirm', names),
      });
      if (!yes) {
        setDone(am('moduleOffCancelled', names));
        return;
      }
      input.checked = false;
    }
    setPending(`${body.id}/${module.key}`);
    const outcome = await setModule({ entityId: body.id, module: module.key, enabled });
    setPending(null);
    const value = outcome.data?.setModuleEnabled;
    if (outcome.error || !value || isTypedError(value)) {
      input.checked = !enabled;
      setFailure(outcome.error ? { error: outcome.error } : { message: value ? describeTypedError(value) : t('errors.unexpected') });
      return;
    }
    setDone(t(enabled ? 'modules.enabledFor' : 'modules.disabledFor', { module: module.name, body: body.name }));
  }

  return (
    <>
      <PageHeading title={t('modules.title')}>
        <p class="lead">{t('modules.intro')}</p>
      </PageHeading>
      <ErrorNotice error={result.error} />
      <ErrorNotice message={failure()?.message} error={failure()?.error} />
      <SuccessNotice message={done()} />
      <Show when={result.data} fallback={<Show when={!result.error}><Loading /></Show>}>
        <Show when={plugins().length > 0} fallback={<p>{t('modules.noneInstalled')}</p>}>
          {/* Not a DataTable: a matrix (a column per installed module) with a switch per cell and a footer of counts. */}
          <TableWrap label={t('modules.title')}>
            <table class="matrix">
              <caption class="visually-hidden">{t('modules.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bodies.name')}</th>
                  <For each={plugins()}>
                    {(plugin) => (
                      <th scope="col" title={plugin.description ?? undefined}>
                        {moduleLabel(plugin.key, plugin.name)}
                      </th>
                    )}
                  </For>
                </tr>
              </thead>
              <tbody>
                <For each={bodies()}>
                  {(body) => (
                    <tr>
                      <th scope="row">{body.name}</th>
                      <For each={plugins()}>
                        {(plugin) => {
                          const id = `m-${body.id}-${plugin.key}`.replace(/[^A-Za-z0-9_-]/g, '');
                          return (
                            <td class="toggle-cell">
                              <input
                                type="checkbox"
                                id={id}
                                class="switch"
                                checked={body.modules.some((m) => m.key === plugin.key && m.enabled)}
                                disabled={pending() !== null}
                                aria-busy={pending() === `${body.id}/${plugin.key}`}
                                onChange={(event) =>
                                  void toggle(event.currentTarget, body, { key: plugin.key, name: moduleLabel(plugin.key, plugin.name) })
                                }
                              />
                              <label for={id} class="visually-hidden">
                                {t('modules.toggleLabel', { module: moduleLabel(plugin.key, plugin.name), body: body.name })}
                              </label>
                            </td>
                          );
                        }}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('modules.enabledIn')}</th>
                  <For each={plugins()}>
                    {(plugin) => (
                      <td>
                        {t('modules.count', { count: enabledCount(plugin.key), total: bodies().length })}
                        <Show when={enabledCount(plugin.key) * 2 >= bodies().length && bodies().length > 0}>
                          <span class="muted"> · {t('modules.half')}</span>
                        </Show>
                      </td>
                    )}
                  </For>
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        </Show>
      </Show>
      {confirm.dialog}
    </>
  );
}
