// Errors as a person understands them: a sentence in their language, never a payload.
import type { CombinedError } from '@urql/core';
import { t } from './i18n/index.ts';
import { moduleLabel } from './modules.ts';
import type { FieldIssue } from './issues.ts';
import { translateRequestRefusal } from './issue-codes.ts';
import { issueMessage } from './issues.ts';

/** The typed error results mutations return (InputError, NotFoundError, ConflictError...). */
export interface TypedError {
  __typename: string;
  code?: string;
  message?: string;
  issues?: readonly FieldIssue[];
  /** StaleVersionError: the version of the record now. */
  currentVersion?: number;
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
    case 'TOKEN_CREATOR_DISABLED':
      return t('errors.session');
    case 'NOT_FOUND':
      return t('errors.notFound');
    case 'RATE_LIMITED':
      return t('errors.rateLimited');
    case 'REQUEST_ENTITY_TOO_LARGE':
      return t('errors.tooLarge');
    case 'BAD_USER_INPUT': {
      // Each issue by its code in the reader's language (the API's own message is English).
      const issues = first?.extensions?.issues as readonly FieldIssue[] | undefined;
      const detail = issues?.length ? issues.map((issue) => `${issue.path.at(-1) ?? ''} ${issueMessage(issue)}`.trim()).join('; ') : (first?.message ?? '');
      return t('errors.badInput', { detail });
    }
    case 'CONFLICT':
      return t('errors.conflict', { detail: first?.message ?? '' });
    case 'STALE_VERSION':
      return t('errors.staleVersion', { version: String(first?.extensions?.currentVersion ?? '') });
    case 'SERVICE_UNAVAILABLE':
    case 'REQUEST_TIMEOUT':
      return t('errors.busy');
    default: {
      const refusal = translateRequestRefusal(code);
      if (refusal) return refusal;
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
    case 'StaleVersionError':
      return t('errors.staleVersion', { version: String(error.currentVersion ?? '') });
    case 'InputError':
      return t('errors.fixFields');
    default:
      return error.message ?? t('errors.unexpected');
  }
}

/** A typed result saying the record changed since it was read (StaleVersionError). */
export function isStaleVersion(value: { __typename?: string } | null | undefined): value is TypedError & { currentVersion: number } {
  return value?.__typename === 'StaleVersionError';
}

export { fieldIssues, issueMessage, setIssueTranslator, type FieldIssue, type IssueTranslator } from './issues.ts';
