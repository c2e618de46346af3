import { readFileSync } from 'node:fs';
import path from 'node:path';
import { actorFromGrants, importEntities } from '@gea/core';
import { repoRoot } from '@gea/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';

const t = useTestApi([]);

const UNION = 'Unione di Comuni Valdarno e Valdisieve';
const reference = readFileSync(path.join(repoRoot, 'data/entities.csv'), 'utf8');
const HEADER = reference.split('\n')[0]!;

const importMutation = `mutation ($csv: String!, $dryRun: Boolean) {
  importEntities(csv: $csv, dryRun: $dryRun) {
    __typename
    ... on EntityImportResult { dryRun rows created updated unchanged populationsRecorded membershipsAdded }
    ... on EntityImportError { code message issues { line column message } }
  }
}`;

async function importCsv(csv: string, dryRun?: boolean, actor?: Parameters<typeof t.api.gql>[2]) {
  const response = await t.api.gql(importMutation, { csv, ...(dryRun === undefined ? {} : { dryRun }) }, actor);
  return response.body;
}

/** Rows of every table an import writes to, to show that a refused import changed nothing. */
async function tableCounts() {
  const { prisma } = t.db;
  return {
    entities: await prisma.entity.count(),
    populations: await prisma.entityPopulation.count(),
    memberships: await prisma.associationMember.count(),
  };
}

async function bodyByIstat(istatCode: string) {
  const entity = await t.db.prisma.entity.findUniqueOrThrow({ where: { istatCode }, include: { populations: true } });
  return entity;
}

beforeAll(async () => {
  // The union exists as a body and as the association its municipalities join (member_of).
  const lead = await t.db.prisma.entity.create({ data: { kind: 'UNION', name: UNION, province: 'FI' } });
  await t.db.prisma.association.create({
    data: { kind: 'UNION', name: UNION, leadEntityId: lead.id, startDate: new Date('2010-06-01') },
  });
});

describe('importEntities over GraphQL, on the project reference file', () => {
  it('a dry run reports what would happen and writes nothing', async () => {
    const before = await tableCounts();
    const body = await importCsv(reference, true);
    expect(body.errors).toBeUndefined();
    expect(body.data!.importEntities).toEqual({
      __typename: 'EntityImportResult',
      dryRun: true,
      rows: 16,
      created: 15,
      updated: 0,
      unchanged: 1,
      populationsRecorded: 14,
      membershipsAdded: 7,
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('imports the 16 bodies of data/entities.csv, their population at 31 December 2020 and the union membership', async () => {
    const body = await importCsv(reference);
    expect(body.errors).toBeUndefined();
    expect(body.data!.importEntities).toEqual({
      __typename: 'EntityImportResult',
      dryRun: false,
      rows: 16,
      created: 15,
      updated: 0,
      unchanged: 1, // the union, matched by name and kind
      populationsRecorded: 14,
      membershipsAdded: 7,
    });
    expect(await tableCounts()).toEqual({ entities: 16, populations: 14, memberships: 7 });

    const pontassieve = await bodyByIstat('048033');
    expect(pontassieve).toMatchObject({ kind: 'MUNICIPALITY', name: 'Pontassieve', cadastralCode: 'G825', province: 'FI' });
    expect(pontassieve.populations.map((p) => [p.referenceDate.toISOString().slice(0, 10), p.population])).toEqual([['2020-12-31', 20436]]);

    const members = await t.db.prisma.associationMember.findMany({
      where: { association: { name: UNION } },
      include: { entity: true },
    });
    expect(members.map((m) => m.entity.name).sort()).toEqual(
      ['Londa', 'Pelago', 'Pontassieve', 'Reggello', "Rignano sull'Arno", 'Rufina', 'San Godenzo'].sort(),
    );
    expect(members.every((m) => m.leftOn === null)).toBe(true);

    // and the API reads the figure back as the population at that date
    const read = await t.api.gql(`{ entities(first: 50, kind: MUNICIPALITY) { edges { node { name istatCode population(at: "2020-12-31") } } } }`);
    const prato = read.body.data!.entities.edges.find((edge: { node: { istatCode: string } }) => edge.node.istatCode === '100005');
    expect(prato.node).toEqual({ name: 'Prato', istatCode: '100005', population: 193568 });
  });

  it('re-importing updates the bodies it matches instead of duplicating them', async () => {
    const changed = reference
      .replace('MUNICIPALITY,Pontassieve,048033,G825,FI,20436,', 'MUNICIPALITY,Pontassieve,048033,G825,FI,20500,')
      .replace('MUNICIPALITY,Reggello,', 'MUNICIPALITY,Comune di Reggello,');
    expect(changed).not.toBe(reference);
    const body = await importCsv(changed);
    expect(body.data!.importEntities).toEqual({
      __typename: 'EntityImportResult',
      dryRun: false,
      rows: 16,
      created: 0,
      updated: 1,
      unchanged: 15,
      populationsRecorded: 1,
      membershipsAdded: 0,
    });
    expect(await tableCounts()).toEqual({ entities: 16, populations: 14, memberships: 7 });
    expect((await bodyByIstat('048033')).populations.map((p) => p.population)).toEqual([20500]);
    expect((await bodyByIstat('048035')).name).toBe('Comune di Reggello');
  });

  it('a body stored without an ISTAT code is completed by the row that has it, not duplicated', async () => {
    const byHand = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Dicomano' } });
    const body = await importCsv(`kind,name,istat_code,province,population_2021_01_01\nMUNICIPALITY,Dicomano,048013,FI,5461\n`);
    expect(body.data!.importEntities).toMatchObject({ created: 0, updated: 1, populationsRecorded: 1 });
    expect(await bodyByIstat('048013')).toMatchObject({ id: byHand.id, name: 'Dicomano', province: 'FI' });
  });

  it('a new population column adds a figure to each body\'s history, keyed by 31 December', async () => {
    const csv = `kind,name,istat_code,population_2021_01_01,Population_2025_01_01\nMUNICIPALITY,Londa,048025,1841,1790\nMUNICIPALITY,Vernio,100007,,5900\n`;
    const body = await importCsv(csv);
    expect(body.data!.importEntities).toMatchObject({ __typename: 'EntityImportResult', created: 0, unchanged: 2, populationsRecorded: 2 });
    expect((await bodyByIstat('048025')).populations.map((p) => [p.referenceDate.toISOString().slice(0, 10), p.population]).sort()).toEqual([
      ['2020-12-31', 1841],
      ['2024-12-31', 1790],
    ]);
  });
});

describe('a file with problems writes nothing', () => {
  it('reports every bad line (here 3 and 5) with its column, and the database is unchanged', async () => {
    const csv = [
      HEADER,
      'MUNICIPALITY,Figline e Incisa Valdarno,048052,M321,FI,23270,,',
      'MUNICIPALITY,Pontassieve,48033,G825,FI,20436,,',
      'MUNICIPALITY,Bagno a Ripoli,048001,A564,FI,25403,,',
      'MUNICIPALITY,Fiesole,048015,G82,FI,13873,,',
      '',
    ].join('\n');
    const before = await tableCounts();
    const body = await importCsv(csv);
    expect(body.errors).toBeUndefined();
    expect(body.data!.importEntities).toEqual({
      __typename: 'EntityImportError',
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^the file has 2 problem\(s\), nothing was imported: line 3: /),
      issues: [
        { line: 3, column: 'istat_code', message: 'istat_code "48033" must be 6 digits' },
        { line: 5, column: 'cadastral_code', message: 'cadastral_code "G82" must be one letter and 3 digits' },
      ],
    });
    expect(await tableCounts()).toEqual(before);
    expect(await t.db.prisma.entity.findUnique({ where: { istatCode: '048052' } })).toBeNull();
  });

  it('reports what only the database can tell: unknown associations and codes of other bodies', async () => {
    const csv = [
      HEADER,
      'MUNICIPALITY,Fiesole,048015,D575,FI,13873,Unione dei Comuni del Mugello,',
      'MUNICIPALITY,Bagno a Ripoli,048001,G825,FI,25403,,',
      'UNION,Unione Nuova,,,FI,,,',
      'MUNICIPALITY,Vaglia,048046,L529,FI,5126,Unione Nuova,',
      '',
    ].join('\n');
    const before = await tableCounts();
    const body = await importCsv(csv);
    expect(body.data!.importEntities.issues).toEqual([
      { line: 2, column: 'member_of', message: 'member_of "Unione dei Comuni del Mugello": there is no association with that name' },
      { line: 3, column: 'cadastral_code', message: 'cadastral_code "G825" already belongs to "Pontassieve" (ISTAT 048033)' },
      {
        line: 5,
        column: 'member_of',
        message: 'member_of "Unione Nuova" is a body of this file, but there is no association with that name: create the association first',
      },
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('reports an empty file, and malformed CSV with its line', async () => {
    expect((await importCsv('')).data!.importEntities.issues).toEqual([{ line: 1, column: null, message: 'the file is empty' }]);
    const malformed = `${HEADER}\nMUNICIPALITY,Fiesole,048015,D575,FI,13873,,\nMUNICIPALITY,"Vaglia,048046,L529,FI,5126,,\n`;
    expect((await importCsv(malformed)).data!.importEntities.issues).toEqual([
      { line: 3, column: null, message: expect.stringMatching(/^malformed CSV: a quoted field starts on this line and is never closed/) },
    ]);
  });

  it('a failure half-way through the writes rolls back everything written before it', async () => {
    // A real database refusal in the middle of the import: a trigger rejects one population figure.
    await t.db.prisma.$executeRawUnsafe(`
      create function refuse_population() returns trigger language plpgsql as $$
      begin
        if new.population = 4242 then raise exception 'refused by test trigger'; end if;
        return new;
      end $$`);
    await t.db.prisma.$executeRawUnsafe(
      `create trigger refuse_population before insert or update on "EntityPopulation" for each row execute function refuse_population()`,
    );
    try {
      const csv = [
        HEADER,
        'MUNICIPALITY,Fiesole,048015,D575,FI,13873,,',
        'MUNICIPALITY,Pontassieve,048033,G825,FI,20600,,',
        'MUNICIPALITY,Vaglia,048046,L529,FI,4242,,',
        '',
      ].join('\n');
      const before = await tableCounts();
      const body = await importCsv(csv);
      expect(body.data?.importEntities ?? null).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(await tableCounts()).toEqual(before);
      expect(await t.db.prisma.entity.findUnique({ where: { istatCode: '048015' } })).toBeNull();
      expect((await bodyByIstat('048033')).populations.map((p) => p.population)).toEqual([20500]);

      // The same through the function the CLI calls, which opens its own transaction.
      await expect(importEntities(t.db.prisma, csv)).rejects.toThrow(/refused by test trigger/);
      expect(await tableCounts()).toEqual(before);
      expect(await t.db.prisma.entity.findUnique({ where: { istatCode: '048015' } })).toBeNull();
    } finally {
      await t.db.prisma.$executeRawUnsafe(`drop trigger refuse_population on "EntityPopulation"`);
      await t.db.prisma.$executeRawUnsafe(`drop function refuse_population()`);
    }
  });

  it('needs core:entities:write for the whole association', async () => {
    const reader = actorFromGrants({ kind: 'user', id: 'reader', label: 'reader' }, [{ permission: 'core:entities:read', entityId: null }]);
    const before = await tableCounts();
    const body = await importCsv(`${HEADER}\nMUNICIPALITY,Fiesole,048015,D575,FI,13873,,\n`, false, reader);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await tableCounts()).toEqual(before);
  });
});

describe('cost', () => {
  it('reading the database to check a file takes the same few statements whatever its size', async () => {
    const { result, statements } = await t.api.countStatements(() => importCsv(reference, true));
    expect(result.data!.importEntities.__typename).toBe('EntityImportResult');
    const reads = statements.filter((sql) => /^\s*SELECT/i.test(sql) && /"(Entity|EntityPopulation|Association|AssociationMember)"/.test(sql));
    expect(reads.length).toBeLessThanOrEqual(4);
  });
});
