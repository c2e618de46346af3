import type { GeaBuilder } from '../builder.ts';
import { ConflictError, errorCodes, GeaError, InputError, NotFoundError, type FieldIssue } from '../errors.ts';

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

  const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
    description: 'What is wrong with one input field.',
    fields: (t) => ({
      path: t.exposeStringList('path', { authScopes: { public: true } }),
      message: t.exposeString('message', { authScopes: { public: true } }),
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
}
