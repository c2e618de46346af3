// The web kit: what every screen of the client uses, the app's and the plugins' alike. Typed
// GraphQL documents, the urql hooks, translations and formats, errors, the signed-in shell, the UI
// parts (data table, fields, widget frame and slots). A plugin's web definition comes from
// `@gea/web-kit/plugin` (no Solid at run time).
export { graphql, readFragment, type FragmentOf, type ResultOf, type VariablesOf } from './graphql.ts';
export { createMutation, createQuery, useClient } from '@urql/solid';
export { createMessages, intlLocale, locale, localeNames, locales, setLocale, t, type Dictionary, type Locale } from './i18n/index.ts';
export { centsToInput, formatDate, formatDateTime, formatEuroCents, formatNumber, parseEuroToCents } from './format.ts';
export {
  describeError,
  describeTypedError,
  fieldIssues,
  isStaleVersion,
  isTypedError,
  issueMessage,
  setIssueTranslator,
  type FieldIssue,
  type IssueTranslator,
  type TypedError,
} from './errors.ts';
export { translateErrorCode, translatedCodes } from './issue-codes.ts';
export { mergeAfterConflict, type ConflictMerge } from './conflicts.ts';
export { accessFor, rawId, roleHolds, type Access, type Role, type RoleHeld } from './access.ts';
export { downloadBlob, downloadCsv, downloadFromRoute, setSessionTokenSource } from './download.ts';
export { moduleLabel } from './modules.ts';
export {
  installedModules,
  installWebPlugins,
  operationLabel,
  operationLabels,
  operationName,
  permissionTable,
  pluginRoutes,
  slotWidgets,
  webPlugin,
  type PermissionTable,
  type PluginRoute,
  type PluginWidget,
} from './registry.ts';
export { makeShell, ShellContext, ShellQuery, useShell, type Me, type Shell, type ShellBody } from './shell.tsx';
export { announceNextPage, Badge, ErrorNotice, focusAfterSave, Loading, NodePage, PageHeading, SuccessNotice, TableWrap } from './ui/basics.tsx';
export { createFieldErrors, DateField, ErrorSummary, EuroField, NumberField, SelectField, TextField } from './ui/fields.tsx';
export {
  createCursorPaging,
  createListParams,
  createListQuery,
  DataTable,
  FilterForm,
  Pager,
  type Column,
  type Connection,
  type ListSource,
  type ColumnWidth,
  type CursorPaging,
  type DataTableProps,
  type ListParams,
  type PageInfo,
  type Sort,
  type SortDirection,
  type TableListState,
} from './ui/data-table.tsx';
export { WidgetFrame, WidgetList, WidgetSlot, type WidgetFrameProps, type WidgetSlotProps } from './ui/widgets.tsx';
export type { WidgetSlotName, WidgetSlots } from './plugin.ts';
