import DataLoader from 'dataloader';
import type { GeaContext } from './context.ts';

/**
 * Per-request DataLoaders for what plugin-prisma does not batch by itself: computed fields,
 * permission and module lookups, services one plugin exports to another. A loader lives as long as
 * its request, so nothing is cached across users.
 */
export class LoaderRegistry {
  readonly #loaders = new Map<symbol, DataLoader<unknown, unknown, unknown>>();

  get<K, V, C = K>(key: symbol, create: () => DataLoader<K, V, C>): DataLoader<K, V, C> {
    let loader = this.#loaders.get(key) as DataLoader<K, V, C> | undefined;
    if (!loader) {
      loader = create();
      this.#loaders.set(key, loader as DataLoader<unknown, unknown, unknown>);
    }
    return loader;
  }
}

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
