// Errors as a person understands them: a sentence in their language, never a payload.
import type { CombinedError } from '@urql/core';
import { t } from './i18n/index.ts';
import { moduleLabel } from './modules.ts';
import type { FieldIssue } from './issues.ts';

/** The typed error results mutations return (InputError, NotFoundError, ConflictError...). */
export interface TypedError {
  __typename: string;
  code?: string;
  message?: string;
  issues?: readonly FieldIssue[];
}

export function isTypedError(value: { __typename?: string } | null | undefined): value is TypedError {
  return !!value?.__typename && /Error$/.test(value.__typename);
}

/** One sentence for a failed request. */
export function describeError(error: CombinedError): string {
  if (error.networkError && error.graphQLErrors.length === 0) return t('errors.network');
  const first = error.graphQLErrors[0];
  const code = String(first?.extensions?.code ?? '');
  switch (code) {
    case 'FORBIDDEN':
    case 'INSUFFICIENT_SCOPE':
      return t('errors.forbidden');
    case 'MODULE_DISABLED':
      return t('errors.moduleDisabled', { module: moduleLabel(String(first?.extensions?.module ?? '')) });
    case 'UNAUTHENTICATED':
    case 'SESSION_EXPIRED':
    case 'TOKEN_REVOKED':
      return t('errors.session');
    case 'NOT_FOUND':
      return t('errors.notFound');
    case 'BAD_USER_INPUT':
      return t('errors.badInput', { detail: first?.message ?? '' });
    case 'CONFLICT':
      return t('errors.conflict', { detail: first?.message ?? '' });
    case 'SERVICE_UNAVAILABLE':
    case 'REQUEST_TIMEOUT':
      return t('errors.busy');
    default: {
      const requestId = first?.extensions?.requestId ?? error.response?.headers?.get?.('x-request-id');
      return requestId ? t('errors.unexpectedWithId', { id: String(requestId) }) : t('errors.unexpected');
    }
  }
}

/** One sentence for a typed error result (field issues are shown next to their fields instead). */
export function describeTypedError(error: TypedError): string {
  switch (error.__typename) {
    case 'NotFoundError':
      return t('errors.notFound');
    case 'ConflictError':
      return t('errors.conflict', { detail: error.message ?? '' });
    case 'InputError':
      return t('errors.fixFields');
    default:
      return error.message ?? t('errors.unexpected');
  }
}

export { fieldIssues, issueMessage, setIssueTranslator, type FieldIssue, type IssueTranslator } from './issues.ts';
