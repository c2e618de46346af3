// Writes a daticert.xml in the providers' format: for demo data, the example client and tests.
import type { ReceiptError, ReceiptTipo } from './parse.ts';

export interface DaticertSpec {
  tipo: ReceiptTipo;
  errore?: ReceiptError;
  sender: string;
  recipients: { address: string; kind?: 'certificato' | 'esterno' }[];
  replyTo?: string;
  subject: string;
  issuer: string;
  /** Rendered in Italian local time (+0100 or +0200) as providers do. */
  issuedAt: Date;
  identifier: string;
  msgid: string;
  ricevuta?: 'completa' | 'breve' | 'sintetica';
  consegna?: string;
  erroreEsteso?: string;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pad = (n: number) => String(n).padStart(2, '0');

/** Central European offset on a date: +0200 between the last Sundays of March and October (01:00 UTC). */
function italianOffsetMinutes(at: Date): number {
  const year = at.getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    return new Date(last.getTime() - last.getUTCDay() * 86_400_000);
  };
  return at >= lastSunday(2) && at < lastSunday(9) ? 120 : 60;
}

export function buildDaticert(spec: DaticertSpec): string {
  const offset = italianOffsetMinutes(spec.issuedAt);
  const local = new Date(spec.issuedAt.getTime() + offset * 60_000);
  const zona = `+${pad(offset / 60)}00`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE postacert SYSTEM "Postacert.dtd">',
    `<postacert tipo="${spec.tipo}" errore="${spec.errore ?? 'nessuno'}">`,
    '  <intestazione>',
    `    <mittente>${escape(spec.sender)}</mittente>`,
    ...spec.recipients.map((r) => `    <destinatari tipo="${r.kind ?? 'certificato'}">${escape(r.address)}</destinatari>`),
    `    <risposte>${escape(spec.replyTo ?? spec.sender)}</risposte>`,
    `    <oggetto>${escape(spec.subject)}</oggetto>`,
    '  </intestazione>',
    '  <dati>',
    `    <gestore-emittente>${escape(spec.issuer)}</gestore-emittente>`,
    `    <data zona="${zona}">`,
    `      <giorno>${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}</giorno>`,
    `      <ora>${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}</ora>`,
    '    </data>',
    `    <identificativo>${escape(spec.identifier)}</identificativo>`,
    `    <msgid>${escape(`<${spec.msgid}>`)}</msgid>`,
    ...(spec.ricevuta ? [`    <ricevuta tipo="${spec.ricevuta}" />`] : []),
    ...(spec.consegna ? [`    <consegna>${escape(spec.consegna)}</consegna>`] : []),
    ...(spec.erroreEsteso ? [`    <errore-esteso>${escape(spec.erroreEsteso)}</errore-esteso>`] : []),
    '  </dati>',
    '</postacert>',
    '',
  ];
  return lines.join('\n');
}
