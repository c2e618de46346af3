import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { createWorld, type World } from './circuit-fixtures.ts';

const t = useTestApi([inventory, procurement, connectivity]);
let w: World;
type Actor = Parameters<typeof t.api.gql>[2];

const IMPORT = `mutation ($csv: String!, $dryRun: Boolean!) {
  importCircuits(csv: $csv, dryRun: $dryRun) {
    __typename
    ... on CircuitImportResult { dryRun rows created updated }
    ... on CircuitImportError { code message issues { line column message } }
    ... on Error { code message }
  }
}`;

async function importCsv(csv: string, dryRun = false, actor?: Actor) {
  const response = await t.api.gql(IMPORT, { csv, dryRun }, actor);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!.importCircuits;
}

/** Everything an import writes: a refused or dry import leaves it as it was. */
const stored = async () => ({
  circuits: await t.db.prisma.circuit.findMany({ orderBy: { id: 'asc' } }),
  terminations: await t.db.prisma.circuitTermination.findMany({ orderBy: { id: 'asc' } }),
});

const HEADER = 'fornitore;codice_circuito;ente;sede;tipo;tecnologia;stato;banda_down_kbps;banda_up_kbps;banda_garantita_down_kbps;indirizzi_ip;data_attivazione;sla_disponibilita;costo_mensile;costo_una_tantum;aliquota_iva;descrizione';
const lines = (...rows: string[]) => `${rows.join('\r\n')}\r\n`;

beforeAll(async () => {
  w = await createWorld(t.db);
});

describe('importing circuits from CSV', () => {
  it('reads a real-looking Italian file (BOM, semicolons, decimal commas), dry run first', async () => {
    const file =
      '\uFEFF' +
      lines(
        HEADER,
        `Regione Toscana - RTRT;RTRT-A-001;048001;Municipio;accesso_rete;FTTH;attivo;1.000.000;300000;100000;151.12.34.56 2a01:4f8::/48;15/03/2024;99,90;"49,90";150,00;22;Fibra municipio`,
        `regione toscana - rtrt;RTRT-A-002;Comune Alfa;Biblioteca;internet;fttc;attivo;100000;20000;;;2024-04-01;;29,9;0;22;"Biblioteca; sala studio"`,
        `Altro Operatore;AO-B-1;048002;;backup;FWA;ordinato;30000;3000;;;;;"1.234,56";;10;`,
      );
    const before = await stored();
    const dry = await importCsv(file, true);
    expect(dry).toEqual({ __typename: 'CircuitImportResult', dryRun: true, rows: 3, created: 3, updated: 0 });
    expect(await stored()).toEqual(before);

    const done = await importCsv(file);
    expect(done).toEqual({ __typename: 'CircuitImportResult', dryRun: false, rows: 3, created: 3, updated: 0 });
    const first = await t.db.prisma.circuit.findFirstOrThrow({ where: { cid: 'RTRT-A-001' }, include: { terminations: true } });
    expect(first).toMatchObject({
      entityId: w.alfa.id,
      providerId: w.provider.id,
      type: 'NETWORK_ACCESS',
      technology: 'FTTH_FTTB',
      status: 'ACTIVE',
      downloadKbps: 1_000_000,
      guaranteedDownloadKbps: 100_000,
      publicIpAddresses: ['151.12.34.56', '2a01:4f8::/48'],
      installedOn: new Date('2024-03-15'),
      slaAvailabilityHundredths: 9990,
      monthlyCostCents: 4990n,
      oneOffCostCents: 15_000n,
      vatRateBasisPoints: 2200,
    });
    expect(first.terminations).toMatchObject([{ side: 'A', siteId: w.alfa.sites.Municipio }]);
    const second = await t.db.prisma.circuit.findFirstOrThrow({ where: { cid: 'RTRT-A-002' } });
    expect(second).toMatchObject({ monthlyCostCents: 2990n, description: 'Biblioteca; sala studio', entityId: w.alfa.id });
    const third = await t.db.prisma.circuit.findFirstOrThrow({ where: { cid: 'AO-B-1' }, include: { terminations: true } });
    expect(third).toMatchObject({ entityId: w.beta.id, providerId: w.other.id, monthlyCostCents: 123_456n, vatRateBasisPoints: 1000, terminations: [] });

    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'importCircuits', outcome: 'SUCCESS' }, orderBy: { id: 'desc' } });
    expect(audit.after).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0 });
    expect(audit.entityIds.sort()).toEqual([w.alfa.id, w.beta.id].sort());
    // The file itself is kept by size only.
    expect(JSON.stringify(audit.input)).not.toContain('RTRT-A-001');
  });

  it('updates a circuit already recorded (same provider and circuit id) with the non-empty cells', async () => {
    const before = await t.db.prisma.circuit.findFirstOrThrow({ where: { cid: 'RTRT-A-001' } });
    const result = await importCsv(
      lines('provider,cid,body,type,technology,status,download_kbps,upload_kbps,monthly_cost', 'Regione Toscana - RTRT,RTRT-A-001,Comune Alfa,NETWORK_ACCESS,FTTH_FTTB,ACTIVE,2000000,500000,59.90'),
    );
    expect(result).toMatchObject({ created: 0, updated: 1 });
    const after = await t.db.prisma.circuit.findFirstOrThrow({ where: { cid: 'RTRT-A-001' } });
    expect(after).toMatchObject({ id: before.id, version: before.version + 1, downloadKbps: 2_000_000, monthlyCostCents: 5990n, slaAvailabilityHundredths: 9990, description: 'Fibra municipio' });
    expect(await t.db.prisma.circuit.count({ where: { cid: 'RTRT-A-001' } })).toBe(1);
  });

  it('reports every problem by line and column and writes nothing', async () => {
    const before = await stored();
    const file = lines(
      HEADER,
      `Operatore Ignoto;X-1;048001;Municipio;internet;FTTH;attivo;1000;1000;;;2024-01-01;;;;;`,
      `Regione Toscana - RTRT;X-2;Comune Gamma;;internet;FTTH;attivo;1000;1000;;;2024-01-01;;;;;`,
      `Regione Toscana - RTRT;X-3;048001;Palestra;internet;FTTH;attivo;1000;1000;2000;10.1.2.3;2024-01-01;;49.9.0;;;`,
      `Regione Toscana - RTRT;X-4;048001;;internet;fibra ottica;attivissimo;mille;1000;;;31/02/2024;101;;;;`,
      `Regione Toscana - RTRT;X-5;048001;;internet;FTTH;cessato;1000;1000;;;2024-01-01;;;;;`,
      `Regione Toscana - RTRT;X-5;048001;;internet;FTTH;attivo;1000;1000;;;2024-01-01;;;;;`,
      `;;;;;;;;;;;;;;;;`,
      `Regione Toscana - RTRT;X-7;048001;;internet;FTTH;attivo;1000;1000;;;2024-01-01;;;;;`,
    );
    const refused = await importCsv(file);
    expect(refused.__typename).toBe('CircuitImportError');
    expect(refused.message).toMatch(/^the file has \d+ problem\(s\), nothing was imported: line 2: /);
    expect(refused.issues).toEqual([
      { line: 2, column: 'fornitore', message: 'there is no provider named "Operatore Ignoto": record it first' },
      { line: 3, column: 'ente', message: 'there is no body "Comune Gamma" among those you may see' },
      { line: 4, column: 'costo_mensile', message: '"49.9.0" is not an amount in euro (e.g. 49,90)' },
      { line: 4, column: 'sede', message: 'the body has no site named "Palestra"' },
      { line: 4, column: 'banda_garantita_down_kbps', message: 'cannot exceed the nominal download bandwidth' },
      { line: 4, column: 'indirizzi_ip', message: '10.1.2.3 is not a public address (private range)' },
      { line: 5, column: 'tecnologia', message: expect.stringMatching(/^"fibra ottica" is not a technology/) },
      { line: 5, column: 'stato', message: expect.stringMatching(/^"attivissimo" is not a status/) },
      { line: 5, column: 'banda_down_kbps', message: '"mille" is not a whole number' },
      { line: 5, column: 'data_attivazione', message: '"31/02/2024" is not a day of the calendar' },
      { line: 5, column: 'sla_disponibilita', message: '"101" is more than 100%' },
      { line: 5, column: 'tecnologia', message: 'is required for a new circuit' },
      { line: 5, column: 'stato', message: 'is required for a new circuit' },
      { line: 5, column: 'banda_down_kbps', message: 'is required for a new circuit' },
      { line: 6, column: 'data_cessazione', message: 'is required for a decommissioned circuit' },
      { line: 7, column: 'codice_circuito', message: 'circuit X-5 of Regione Toscana - RTRT is also on line 6' },
    ].filter((issue) => !(issue.line === 5 && issue.message === 'is required for a new circuit')));
    expect(await stored()).toEqual(before);
    // A dry run reports the same problems.
    expect((await importCsv(file, true)).issues).toEqual(refused.issues);
  });

  it('refuses unknown and missing columns on the header line', async () => {
    const refused = await importCsv(lines('fornitore,codice_circuito,ente,colore', 'Regione Toscana - RTRT,Y-1,048001,rosso'));
    expect(refused.issues).toEqual([
      { line: 1, column: 'colore', message: expect.stringMatching(/^unknown column "colore"/) },
      { line: 1, column: null, message: 'missing column(s): tipo, tecnologia, stato, banda_down_kbps, banda_up_kbps' },
    ]);
    expect((await importCsv('', true)).issues).toEqual([{ line: 1, column: null, message: 'the file is empty' }]);
  });

  it("needs connectivity:write on every body of the file", async () => {
    const staffAlfa = actorForRoles(t.api.composed, 'staff-alfa', [{ role: 'ICT_STAFF', entityId: w.alfa.id }]);
    const before = await stored();
    const refused = await importCsv(
      lines(
        'fornitore,codice_circuito,ente,tipo,tecnologia,stato,banda_down_kbps,banda_up_kbps',
        'Regione Toscana - RTRT,Z-1,048001,INTERNET,FTTC,PLANNED,100000,20000',
        'Regione Toscana - RTRT,Z-2,048002,INTERNET,FTTC,PLANNED,100000,20000',
      ),
      false,
      staffAlfa,
    );
    expect(refused.issues).toEqual([{ line: 3, column: 'ente', message: expect.stringMatching(/^(you may not change the connectivity of Comune Beta|there is no body "048002")/) }]);
    expect(await stored()).toEqual(before);
    const referent = actorForRoles(t.api.composed, 'referent-alfa', [{ role: 'REFERENT', entityId: w.alfa.id }]);
    const forbidden = await t.api.gql(IMPORT, { csv: 'x', dryRun: true }, referent);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
