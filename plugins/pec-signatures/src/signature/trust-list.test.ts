import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPki, type TestCa } from '../../tests/fixtures/pki.ts';
import { trustListXml } from '../../tests/fixtures/trust-list.ts';
import { MAX_TRUST_LIST_BYTES, parseTrustList, TrustListError } from './trust-list.ts';

let pki: TestPki;
let arubaCa: TestCa;
let infocertCa: TestCa;
let withdrawnCa: TestCa;
let signerPem: string;

beforeAll(async () => {
  pki = await TestPki.create();
  arubaCa = await pki.ca('ArubaPEC EU Qualified Certificates CA G1', { key: 'ec-p256' });
  infocertCa = await pki.ca('InfoCert Qualified Electronic Signature CA 3', { key: 'ec-p256' });
  withdrawnCa = await pki.ca('Old Qualified CA', { key: 'ec-p256' });
  const signer = await pki.signer(arubaCa, 'holder', { cn: 'Mario Rossi', taxCode: 'RSSMRA80A01H501U' }, { from: new Date('2024-01-01'), to: new Date('2030-01-01') }, 'ec-p256');
  signerPem = await readFile(signer.cert, 'utf8');
}, 60_000);
afterAll(() => pki?.dispose());

describe('parseTrustList: an ETSI TS 119 612 list', () => {
  it('loads the granted CA/QC services, and says which services were skipped and why', () => {
    const list = parseTrustList(
      trustListXml({
        providers: [
          {
            name: 'Aruba PEC S.p.A.',
            services: [
              { name: 'ArubaPEC EU Qualified Certificates CA G1', type: 'CA/QC', status: 'granted', certificates: [arubaCa.pem] },
              { name: 'ArubaPEC Time Stamping Authority', type: 'TSA/QTST', status: 'granted', certificates: [infocertCa.pem] },
              { name: 'ArubaPEC Old CA', type: 'CA/QC', status: 'withdrawn', certificates: [withdrawnCa.pem] },
            ],
          },
          {
            name: 'InfoCert S.p.A.',
            services: [
              { name: 'InfoCert Qualified Electronic Signature CA 3', type: 'CA/QC', status: 'granted', certificates: [infocertCa.pem] },
              { name: 'InfoCert copy of Aruba', type: 'CA/QC', status: 'granted', certificates: [arubaCa.pem] },
              { name: 'InfoCert broken', type: 'CA/QC', status: 'granted', certificates: ['TUlJQmJhZA=='] },
              { name: 'InfoCert end entity', type: 'CA/QC', status: 'granted', certificates: [signerPem] },
              { name: 'InfoCert by name only', type: 'CA/QC', status: 'granted', otherIds: '<tsl:X509SubjectName>CN=Somebody</tsl:X509SubjectName>' },
            ],
          },
        ],
      }),
    );
    expect(list).toMatchObject({ territory: 'IT', sequenceNumber: 42, operator: 'AgID - Agency for Digital Italy', issuedAt: new Date('2026-11-15T09:00:00Z'), nextUpdate: new Date('2027-05-15T09:00:00Z') });
    expect(list.certificates.map((c) => [c.provider, c.service, c.serviceType, c.serviceStatus])).toEqual([
      ['Aruba PEC S.p.A.', 'ArubaPEC EU Qualified Certificates CA G1', 'CA/QC', 'granted'],
      ['InfoCert S.p.A.', 'InfoCert Qualified Electronic Signature CA 3', 'CA/QC', 'granted'],
    ]);
    expect(list.certificates[0]!.subject).toBe('C=IT, O=GEA Test, CN=ArubaPEC EU Qualified Certificates CA G1');
    expect(list.certificates[0]!.fingerprint).toMatch(/^[0-9A-F]{64}$/);
    expect(list.skipped.map((s) => [s.service, s.reason, s.detail])).toEqual([
      ['ArubaPEC Time Stamping Authority', 'NOT_A_QUALIFIED_CA', 'TSA/QTST'],
      ['ArubaPEC Old CA', 'STATUS_NOT_GRANTED', 'withdrawn'],
      ['InfoCert copy of Aruba', 'DUPLICATE', 'Aruba PEC S.p.A. / ArubaPEC EU Qualified Certificates CA G1'],
      ['InfoCert broken', 'UNPARSABLE_CERTIFICATE', expect.any(String)],
      ['InfoCert end entity', 'NOT_A_CA_CERTIFICATE', 'C=IT, O=Comune di Esempio, CN=Mario Rossi, serialNumber=TINIT-RSSMRA80A01H501U, SN=Rossi, GN=Mario'],
      ['InfoCert by name only', 'NO_CERTIFICATE', 'X509SubjectName'],
    ]);
    expect(list.skipped[1]).toMatchObject({ message: 'il servizio non è attivo (stato withdrawn)', messageEn: 'the service is not active (status withdrawn)' });
  });

  it('refuses what is not a trusted list, in English and Italian', () => {
    const refused = (xml: string) => {
      try {
        parseTrustList(xml);
      } catch (error) {
        expect(error).toBeInstanceOf(TrustListError);
        return [(error as TrustListError).message, (error as TrustListError).messageIt];
      }
      throw new Error('accepted');
    };
    expect(refused('<postacert tipo="accettazione"/>')[0]).toMatch(/^the file is not an ETSI TS 119 612 trusted list \(root element postacert/);
    expect(refused('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')).toEqual([
      'the file declares a DOCTYPE, which a trusted list never does',
      'il file dichiara un DOCTYPE, che un elenco di fiducia non ha',
    ]);
    expect(refused('<tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#"><broken')[0]).toMatch(/^the file is not well-formed XML/);
    expect(refused(trustListXml({ territory: 'Italia', providers: [] }))[0]).toBe('the list has no SchemeTerritory (a two-letter country code)');
  });

  it('reads bytes as UTF-8, takes the English name (else the first), and ignores elements of other namespaces', () => {
    const xml = trustListXml({
      providers: [{ name: 'Società Fiduciaria', services: [{ name: 'CA Qualificata', type: 'CA/QC', status: 'granted', certificates: [arubaCa.pem] }] }],
    })
      .replace('<tsl:Name xml:lang="en">Società Fiduciaria</tsl:Name>', '')
      .replace('<tsl:Name xml:lang="it">CA Qualificata (it)</tsl:Name>', '<tsl:Name xml:lang="de">CA Qualifiziert</tsl:Name>')
      .replace('</tsl:TSPServices>', '<x:TSPService xmlns:x="urn:other"><tsl:ServiceInformation/></x:TSPService></tsl:TSPServices>');
    const list = parseTrustList(new TextEncoder().encode(xml));
    expect(list.certificates.map((c) => [c.provider, c.service])).toEqual([['Società Fiduciaria', 'CA Qualificata']]);
    expect(list.skipped).toEqual([]);
  });

  it('refuses a file over the size limit', () => {
    expect(() => parseTrustList(' '.repeat(MAX_TRUST_LIST_BYTES + 1))).toThrow('the file is larger than 20 MB');
  });
});
