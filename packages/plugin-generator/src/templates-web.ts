// The web half of a new plugin: its route table and a list screen on the web kit's data table.
import type { PluginNames } from './names.ts';

export function webFiles(_n: PluginNames): Record<string, string> {
  return {};
}
