import type { GeaBuilder } from '../builder.ts';
import { modelRef } from '../kit/refs.ts';
import { importIssueRef } from './import-issue.ts';

/**
 * Core types that plugins point at (`globalID({ for: Entity })`). Prisma models come by name, so no
 * core schema file needs another's.
 */
export function coreRefs(builder: GeaBuilder) {
  return {
    get Entity() {
      return modelRef(builder, 'Entity');
    },
    get Association() {
      return modelRef(builder, 'Association');
    },
    get ImportIssue() {
      return importIssueRef(builder);
    },
  };
}
export type CoreRefs = ReturnType<typeof coreRefs>;
