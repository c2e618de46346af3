import type { GeaBuilder } from '../builder.ts';
import { ConflictError, errorCodes, fieldIssueCodes, GeaError, InputError, NotFoundError, StaleVersionError, type FieldIssue } from '../errors.ts';

/**
 * Typed error results (plugin-errors). A mutation lists the ones it can return in
 * `errors: { types: [...] }`; clients select them with fragments on the `Error` interface.
 */
export function addErrorTypes(builder: GeaBuilder) {
  const ErrorCode = builder.enumType('ErrorCode', { values: errorCodes });

  const ErrorInterface = builder.interfaceRef<GeaError>('Error').implement({
    description: 'An expected failure, returned as data instead of a GraphQL error.',
    fields: (t) => ({
      message: t.exposeString('message', { authScopes: { public: true } }),
      code: t.field({ type: ErrorCode, authScopes: { public: true }, resolve: (error) => error.code }),
    }),
  });

  const codes = Object.entries(fieldIssueCodes).map(([code, meaning]) => `${code}: ${meaning}`).join('\n');
  const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
    description: 'What is wrong with one input field.',
    fields: (t) => ({
      path: t.exposeStringList('path', { authScopes: { public: true } }),
      message: t.exposeString('message', {
        authScopes: { public: true },
        description: 'In English, for API clients and logs; screens translate `code`.',
      }),
      code: t.string({
        authScopes: { public: true },
        description: `What is wrong, as a stable code a client translates (new codes may be added; show \`message\` for an unknown one):\n${codes}`,
        resolve: (issue) => issue.code ?? 'INVALID_VALUE',
      }),
      minimum: t.int({
        nullable: true,
        authScopes: { public: true },
        description: 'The lower bound that was not met (characters, items or number), for TOO_SHORT and TOO_SMALL.',
        resolve: (issue) => issue.minimum ?? null,
      }),
      maximum: t.int({
        nullable: true,
        authScopes: { public: true },
        description: 'The upper bound that was not met (characters, items or number), for TOO_LONG and TOO_BIG.',
        resolve: (issue) => issue.maximum ?? null,
      }),
    }),
  });

  builder.objectType(InputError, {
    name: 'InputError',
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof InputError,
    fields: (t) => ({
      issues: t.field({ type: [FieldIssueRef], authScopes: { public: true }, resolve: (error) => error.issues }),
    }),
  });
  builder.objectType(NotFoundError, {
    name: 'NotFoundError',
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof NotFoundError,
  });
  builder.objectType(ConflictError, {
    name: 'ConflictError',
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof ConflictError,
  });
  builder.objectType(StaleVersionError, {
    name: 'StaleVersionError',
    description: 'The record was changed by someone else after the client read it: nothing was written. Reload it and apply the change again.',
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof StaleVersionError,
    fields: (t) => ({
      currentVersion: t.exposeInt('currentVersion', { authScopes: { public: true }, description: 'The version of the record now.' }),
      expectedVersion: t.exposeInt('expectedVersion', { authScopes: { public: true }, description: 'The version the client sent.' }),
    }),
  });
}
