import { describe, expect, it } from 'vitest';
import { isSameRegistration, registrationIssues } from './message-registration.ts';

describe('registrationIssues', () => {
  const mailbox = 'protocollo@pec.example.it';

  it('accepts an outgoing message from the mailbox and an incoming one from anyone', () => {
    expect(registrationIssues({ direction: 'OUTGOING', sender: mailbox }, mailbox)).toEqual([]);
    expect(registrationIssues({ direction: 'INCOMING', sender: 'someone@pec.example.org' }, mailbox)).toEqual([]);
  });

  it('refuses an outgoing message from another address', () => {
    expect(registrationIssues({ direction: 'OUTGOING', sender: 'other@pec.example.it' }, mailbox)).toEqual([
      { path: ['input', 'sender'], message: `an outgoing message is sent from the mailbox itself (${mailbox})` },
    ]);
  });

  it('wants protocol number and date together, naming the missing one', () => {
    expect(registrationIssues({ direction: 'INCOMING', sender: 'a@b.it', protocolNumber: '12' }, mailbox)[0]!.path).toEqual(['input', 'protocolDate']);
    expect(registrationIssues({ direction: 'INCOMING', sender: 'a@b.it', protocolDate: new Date('2026-01-02') }, mailbox)[0]!.path).toEqual(['input', 'protocolNumber']);
    expect(registrationIssues({ direction: 'INCOMING', sender: 'a@b.it', protocolNumber: '12', protocolDate: new Date('2026-01-02') }, mailbox)).toEqual([]);
  });
});

describe('isSameRegistration', () => {
  const values = { subject: 'Delibera', sender: 'a@b.it', protocolNumber: '12', protocolDate: new Date('2026-01-02') };
  const stored = { ...values, protocolDate: new Date('2026-01-02'), recipients: [{ address: 'x@y.it' }, { address: 'z@y.it' }] };

  it('is the same with equal values and recipients the stored message has', () => {
    expect(isSameRegistration(stored, values, ['z@y.it'])).toBe(true);
  });

  it('differs on any value or an unknown recipient', () => {
    expect(isSameRegistration(stored, { ...values, subject: 'Altro' }, ['x@y.it'])).toBe(false);
    expect(isSameRegistration(stored, { ...values, protocolDate: null }, ['x@y.it'])).toBe(false);
    expect(isSameRegistration(stored, values, ['new@y.it'])).toBe(false);
  });
});
