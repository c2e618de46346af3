import {
  getNamedType,
  GraphQLString,
  isObjectType,
  Kind,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { isUuid } from '@gea/core';
import { localeOf } from './refusals.ts';

// Every list's cursor is plugin-prisma's "GPC:S:<id>" in base64, the id a uuid (each connection's
// `cursor: 'id'`). Anything else reached PostgreSQL's uuid cast and came back as "Unexpected error."
const PREFIX = 'GPC:S:';

const MESSAGES = {
  it: "`after` o `before` non è un cursore dell'elenco: passare pageInfo.endCursor, pageInfo.startCursor o il cursore di una riga così come l'elenco li ha dati.",
  en: '`after` or `before` is not a cursor of the list: pass pageInfo.endCursor, pageInfo.startCursor or a row\'s cursor as the list gave them.',
};

const isCursor = (value: string) => {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.startsWith(PREFIX) && isUuid(decoded.slice(PREFIX.length));
};

/** Whether an `after` or `before` of a connection field is not a cursor a list gave. */
export function hasInvalidCursor(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.ARGUMENT](node) {
        if (found || (node.name.value !== 'after' && node.name.value !== 'before')) return;
        const field = typeInfo.getFieldDef();
        const type = field && getNamedType(field.type);
        if (!field || !isObjectType(type) || !type.getFields().edges || !type.getFields().pageInfo) return;
        const value = valueFromAST(node.value, GraphQLString, variables);
        if (typeof value === 'string' && !isCursor(value)) found = true;
      },
    }),
  );
  return found;
}

/** A page asked after or before something that is not a list's cursor is refused (400), before any resolver runs. */
export function useCursorCheck(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!hasInvalidCursor(args.schema, args.document, args.variableValues ?? undefined)) return;
      // BAD_USER_INPUT, as such a cursor has always been answered when it failed earlier; the reason says which.
      const request = (args.contextValue as { request?: Request }).request;
      const message = MESSAGES[request ? localeOf(request) : 'it'];
      setResultAndStopExecution({ errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR', http: { status: 400 } } })] });
    },
  };
}
