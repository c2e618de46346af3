import DataLoader from 'dataloader';
import type { GeaContext } from './context.ts';

export { LoaderRegistry } from './loader-registry.ts';

export type BatchLoad<K, V> = (keys: readonly K[], context: GeaContext) => Promise<ReadonlyArray<V | Error>>;

/**
 * Declares a loader once (module scope) and returns the accessor that gives each request its own
 * instance: `const pcCount = defineLoader('inventory.pcCount', batch); pcCount(ctx).load(id)`.
 */
export function defineLoader<K, V, C = K>(
  name: string,
  batch: BatchLoad<K, V>,
  options?: DataLoader.Options<K, V, C>,
): (context: GeaContext) => DataLoader<K, V, C> {
  const key = Symbol(name);
  return (context) => context.loaders.get(key, () => new DataLoader<K, V, C>((keys) => batch(keys, context), options));
}
