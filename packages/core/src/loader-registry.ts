import DataLoader from 'dataloader';

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
