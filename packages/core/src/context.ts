import type { GeaPrismaClient } from '@gea/db';
import type { Actor } from './actor.ts';
import { LoaderRegistry } from './loaders.ts';

/** What every resolver receives. Built once per request by the API server. */
export interface GeaContext {
  readonly requestId: string;
  readonly prisma: GeaPrismaClient;
  readonly actor: Actor;
  readonly loaders: LoaderRegistry;
}

export function createContext(init: Omit<GeaContext, 'loaders'>): GeaContext {
  return { ...init, loaders: new LoaderRegistry() };
}
