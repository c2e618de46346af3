export { createApi, type Api, type ApiOptions, type Authenticate } from './server.ts';
export { loadInstalledPlugins, ConfigError, type GeaConfig } from './config.ts';
export { start, isStartupError, type StartedServer } from './start.ts';
export { printSchemaFor, printedSchemaPath } from './schema-file.ts';
