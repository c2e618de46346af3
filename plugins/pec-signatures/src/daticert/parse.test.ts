import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '@gea/db';
import { describe, expect, it } from 'vitest';
import { buildDaticert } from './build.ts';
import { normaliseMessageId, parseDaticert, RECEIPT_TYPES } from './parse.ts';

const fixture = (name: string) => readFile(path.join(repoRoot, 'plugins/pec-signatures/tests/fixtures', name), 'utf8');

describe('daticert.xml', () => {
  it.each(Object.keys(RECEIPT_TYPES))('parses the %s fixture', async (tipo) => {
    const parsed = parseDaticert(await fixture(`${tipo}.xml`));
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.daticert.tipo).toBe(tipo);
    expect(parsed.daticert.msgid).not.toMatch(/[<>]/);
    expect(parsed.daticert.identifier).toMatch(/^opec2611\./);
  });

  it('reads every field of a delivery receipt, the time in its zone', async () => {
    const parsed = parseDaticert(await fixture('avvenuta-consegna.xml'));
    expect(parsed).toEqual({
      ok: true,
      daticert: {
        tipo: 'avvenuta-consegna',
        type: 'AVVENUTA_CONSEGNA',
        error: 'nessuno',
        sender: 'protocollo@pec.comune.esempio.example.it',
        recipients: [
          { address: 'ufficio.tributi@pec.destinatario.example.it', kind: 'CERTIFIED' },
          { address: 'info@esterno.example.it', kind: 'EXTERNAL' },
        ],
        replyTo: 'protocollo@pec.comune.esempio.example.it',
        subject: 'Trasmissione determinazione n. 123 del 20/11/2026',
        issuer: 'Gestore PEC Destinatario S.r.l.',
        issuedAt: new Date('2026-11-20T09:30:07Z'),
        identifier: 'opec2611.20261120103002.01234.101.1.61@pec.gestore.example.it',
        msgid: '20261120103000.4f2a9c@pec.comune.esempio.example.it',
        receiptKind: 'completa',
        deliveryAddress: 'ufficio.tributi@pec.destinatario.example.it',
        errorDetail: null,
      },
    });
  });

  it.each([
    ['malformed.xml', /not well-formed/],
    ['unknown-tipo.xml', /"ricevuta-di-ritorno" is not a receipt type/],
    ['doctype-entity.xml', /entity declarations are not allowed/],
    ['missing-consegna.xml', /consegna/],
  ])('refuses %s with the reason', async (name, reason) => {
    const parsed = parseDaticert(await fixture(name));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => `${i.path} ${i.message}`).join('\n')).toMatch(reason);
  });

  it('refuses a DOCTYPE with an internal subset even without ENTITY, other roots, and dates that do not exist', () => {
    const good = buildDaticert({
      tipo: 'accettazione', sender: 'a@pec.example.it', recipients: [{ address: 'b@pec.example.it' }], subject: 's', issuer: 'g',
      issuedAt: new Date('2026-07-01T10:00:00Z'), identifier: 'id-1', msgid: 'm@x',
    });
    expect(parseDaticert(good).ok).toBe(true);
    expect(good).toContain('<data zona="+0200">');
    const subset = good.replace('<!DOCTYPE postacert SYSTEM "Postacert.dtd">', '<!DOCTYPE postacert [ <!ELEMENT postacert ANY> ]>');
    expect(parseDaticert(subset)).toMatchObject({ ok: false, issues: [{ message: /DOCTYPE other than/ }] });
    expect(parseDaticert('<ricevuta/>')).toMatchObject({ ok: false, issues: [{ message: /root element must be <postacert>/ }] });
    expect(parseDaticert(good.replace(/<giorno>[^<]+/, '<giorno>31/02/2026'))).toMatchObject({ ok: false, issues: [{ path: 'postacert/dati/data' }] });
    expect(parseDaticert('not xml at all')).toMatchObject({ ok: false });
    expect(parseDaticert('')).toMatchObject({ ok: false });
  });

  it('normalises Message-IDs with or without angle brackets', () => {
    expect(normaliseMessageId(' <abc@host> ')).toBe('abc@host');
    expect(normaliseMessageId('abc@host')).toBe('abc@host');
  });
});
