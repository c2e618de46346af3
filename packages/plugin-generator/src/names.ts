import { PLUGIN_KEY } from '@gea/core';

/** Every name the generated files use, derived from the plugin key (`parking-permits`). */
export interface PluginNames {
  key: string;
  /** `parking_permits`: migrations. */
  snake: string;
  /** `parkingPermits`: variables, the seed function. */
  camel: string;
  /** `ParkingPermits`: the schema function. */
  pascal: string;
  /** `Parking permits`: the module's name. */
  title: string;
  /** The model and GraphQL type: `ParkingPermitsItem`. */
  model: string;
  /** `parkingPermitsItem`: the Prisma delegate. */
  modelCamel: string;
  /** `parkingPermitsItems`: the list query and the back-relation on Entity. */
  modelPlural: string;
  /** `parking-permits-item`: file names. */
  modelFile: string;
}

const RESERVED = new Set(['core', 'api', 'web', 'auth', 'graphql', 'health', 'live', 'assets', 'login', 'bodies', 'users', 'modules', 'audit']);

export class PluginKeyError extends Error {
  override name = 'PluginKeyError';
}

export function namesFor(key: string): PluginNames {
  if (!PLUGIN_KEY.test(key)) {
    throw new PluginKeyError(`"${key}" is not a plugin key: lowercase letters and digits, words joined by hyphens (parking-permits)`);
  }
  if (RESERVED.has(key)) throw new PluginKeyError(`"${key}" is taken by the core or the web client's own paths`);
  const words = key.split('-');
  const pascal = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
  const model = `${pascal}Item`;
  return {
    key,
    snake: words.join('_'),
    camel,
    pascal,
    title: words.join(' ').replace(/^./, (c) => c.toUpperCase()),
    model,
    modelCamel: `${camel}Item`,
    modelPlural: `${camel}Items`,
    modelFile: `${key}-item`,
  };
}
