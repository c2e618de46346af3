// What a plugin's screens (plugins/<key>/web/) use of the web client: `@gea/web/client`.
// Typed GraphQL documents, the urql hooks, translations and formats, the signed-in shell, UI parts.
export { graphql, readFragment, type FragmentOf, type ResultOf, type VariablesOf } from './graphql.ts';
export { createMutation, createQuery, useClient } from '@urql/solid';
export { createMessages, locale, t, type Locale } from './i18n/index.ts';
export { centsToInput, formatDate, formatDateTime, formatEuroCents, formatNumber, parseEuroToCents } from './format.ts';
export { describeError, describeTypedError, fieldIssues, isTypedError, type TypedError } from './errors.ts';
export { rawId } from './access.ts';
export { useShell, type Shell, type ShellBody } from './shell/context.tsx';
export {
  Badge,
  createCursorPaging,
  ErrorNotice,
  ErrorSummary,
  Loading,
  PageHeading,
  Pager,
  SelectField,
  SuccessNotice,
  TableWrap,
  TextField,
} from './ui/index.tsx';
export type { WidgetProps } from 'virtual:gea-plugins';
