import type { GeaBuilder } from '../builder.ts';
import type { ImportIssue } from '../entity-import/index.ts';
import { perBuilder } from '../kit/refs.ts';

/** A problem of an import file (line, column, message): plugins' own importers report with it too. */
export const importIssueRef = perBuilder((builder: GeaBuilder) =>
  // The caller's own file: nothing stored is revealed, so anyone who got the error may read it.
  builder.objectRef<ImportIssue>('ImportIssue').implement({
    description: 'A problem found in an import file.',
    fields: (t) => ({
      line: t.exposeInt('line', { authScopes: { public: true }, description: 'Line of the file, from 1 (the header).' }),
      column: t.exposeString('column', { nullable: true, authScopes: { public: true }, description: 'Column, when the problem is in one.' }),
      message: t.exposeString('message', { authScopes: { public: true } }),
    }),
  }),
);
