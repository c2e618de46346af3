// Every document the web client sends stays within the query limits of the role that sends it, with
// the largest page sizes its variables allow: the limits refuse abuse, never the client's own screens.
import { anonymousActor, composeSchema, defaultAuthOptions, requestRefusalCodes, requestRefusalMessage, type Actor } from '@gea/core';
import { translateRequestRefusal } from '../../packages/web-kit/src/issue-codes.ts';
import { createCallers, defaultQueryLimits, useCaller, useQueryLimits, type CallerKind, callerKindOf, queryCost } from '@gea/api';
import { clientDocuments } from '@gea/web/server';
import connectivity from '@gea/plugin-connectivity';
import webHosting from '@gea/plugin-web-hosting';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import pecSignatures from '@gea/plugin-pec-signatures';
import procurement from '@gea/plugin-procurement';
import { sampleVariable } from '@gea/test-kit/sample-variables.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import {
  parse,
  typeFromAST,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';

const composed = composeSchema([inventory, procurement, costSharing, pecSignatures, connectivity, webHosting], { ...defaultAuthOptions, oidcLoginUrl: null });

/** Which kind of caller sends a document: sign-in is anonymous, administration is the ICT office's, the rest any member. */
function kindFor(file: string): CallerKind {
  if (/apps\/web\/src\/(client\.ts|shell\/LoginPage\.tsx)$/.test(file)) return 'anonymous';
  if (/apps\/web\/src\/pages\/(Users|Audit|Modules)\.tsx$/.test(file)) return 'staff';
  return 'member';
}

const actors: Record<CallerKind, Actor> = {
  anonymous: anonymousActor,
  member: actorForRoles(composed, 'referent', [{ role: 'REFERENT', entityId: '00000000-0000-4000-8000-000000000001' }]),
  staff: actorForRoles(composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]),
};

/**
 * The largest page the web client's screens ask for (its tables page by 20 to 100 rows). The API
 * serves pages up to 1000 to callers whose whole query fits their cost ceiling (API clients,
 * reports); the client's screens must fit at their own largest page.
 */
const LARGEST_CLIENT_PAGE = 100;

/** A value for a variable of this type; page sizes (`first`, `last`) at the largest the client asks. */
function scalarSample(typeName: string, name: string): unknown {
  switch (typeName) {
    case 'Upload':
      return new File(['0'], 'sample.p7m');
    case 'Int':
      return name === 'first' || name === 'last' ? LARGEST_CLIENT_PAGE : 2025;
    case 'Float':
      return 1;
    case 'Cents':
      return 100;
    case 'Boolean':
      return true;
    case 'Date':
      return '2025-01-01';
    case 'DateTime':
      return '2025-01-01T00:00:00.000Z';
    case 'JSONObject':
      return {};
    case 'ID':
      return 'QXNzZXQ6MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAx';
    default:
      return 'x';
  }
}

describe('the web client’s documents stay within the query limits of the role that sends them', () => {
  it('each is accepted through Yoga with the real limit plugins, at the largest page sizes', async () => {
    const schema = composed.schema;
    const documents = await clientDocuments();
    expect(documents.length).toBeGreaterThan(20);
    const callers = createCallers((request) => actors[request.headers.get('x-kind') as CallerKind]);
    // The limits alone: a request that passes them reaches the context, which says so.
    const yoga = createYoga({
      schema,
      parserAndValidationCache: { validationCache: false },
      plugins: [useCaller(callers), ...useQueryLimits(callers)],
      context: () => {
        throw new Error('WITHIN_LIMITS');
      },
      maskedErrors: false,
    });
    const report: string[] = [];
    const problems: string[] = [];
    for (const { file, source } of documents) {
      const kind = kindFor(file);
      expect(callerKindOf(actors[kind])).toBe(kind);
      const document = parse(source);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
      const variables = Object.fromEntries(
        (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, sampleVariable(typeFromAST(schema, v.type as never) as GraphQLInputType, v.variable.name.value, scalarSample)]),
      );
      const cost = queryCost(schema, document, variables, undefined);
      report.push(`${(operation.name?.value ?? '?').padEnd(24)} ${kind.padEnd(9)} cost ${cost}`);
      // Files go as a multipart request (GraphQL multipart request spec), as the client sends them.
      const files = Object.entries(variables).filter(([, value]) => value instanceof File);
      let request: BodyInit = JSON.stringify({ query: source, variables });
      if (files.length > 0) {
        const form = new FormData();
        form.set('operations', JSON.stringify({ query: source, variables: { ...variables, ...Object.fromEntries(files.map(([name]) => [name, null])) } }));
        form.set('map', JSON.stringify(Object.fromEntries(files.map(([name], i) => [String(i), [`variables.${name}`]]))));
        files.forEach(([, file], i) => form.set(String(i), file as File));
        request = form;
      }
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { ...(files.length > 0 ? { 'x-graphql-yoga-csrf': '1' } : { 'content-type': 'application/json' }), 'x-kind': kind },
        body: request,
      });
      const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      if (!body.errors?.some((error) => error.message.includes('WITHIN_LIMITS'))) {
        problems.push(`${file} ${operation.name?.value} as ${kind}: ${JSON.stringify(body.errors)}`);
      }
      expect(cost, `${operation.name?.value}: the cost counts with these variables`).not.toBeNull();
    }
    console.info(report.join('\n'));
    expect(problems).toEqual([]);
    // about 100 documents through Yoga: 2 s alone, more beside the rest of the suite
  }, 30_000);
});

describe('request refusals have words for people', () => {
  it('every code has an Italian and an English message in the API and a translation in the web kit', () => {
    for (const code of Object.keys(requestRefusalCodes) as (keyof typeof requestRefusalCodes)[]) {
      expect(requestRefusalMessage(code, 'it', { limit: 3, found: 4 })).not.toMatch(/\{|\?$/);
      expect(requestRefusalMessage(code, 'en', { limit: 3, found: 4 })).not.toBe(requestRefusalMessage(code, 'it', { limit: 3, found: 4 }));
      expect(translateRequestRefusal(code), code).toBeTruthy();
    }
    expect(translateRequestRefusal('SOMETHING_ELSE')).toBeUndefined();
  });
});
