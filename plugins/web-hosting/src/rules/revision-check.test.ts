import { describe, expect, it } from 'vitest';
import { serviceSections } from '../model/content-types.ts';
import { checkPublishable, checkRevisionShape, type RevisionContent } from './revision-check.ts';
import { paragraphs } from './rich-text.ts';

const id = (n: number) => `0190f5c0-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A service page with every section of the model filled. */
function completeService(): RevisionContent {
  return {
    title: "Carta d'identità elettronica",
    summary: "Come richiedere la carta d'identità elettronica (CIE) al Comune.",
    topics: ['residenza'],
    fields: {
      category: 'anagrafe-e-stato-civile',
      audience: paragraphs('Cittadini residenti.'),
      howTo: paragraphs('Prenota un appuntamento.'),
      requirements: paragraphs('Una fototessera.'),
      outcome: paragraphs("La carta d'identità elettronica."),
      timing: paragraphs('Sei giorni lavorativi.'),
      accessDescription: paragraphs("Allo sportello dell'anagrafe."),
      termsDocument: id(1),
      responsibleUnit: id(2),
      contactPoints: [id(3)],
    },
  };
}

describe('a service page (Servizio)', () => {
  it('with every section of the model can be published', () => {
    expect(checkPublishable('SERVIZIO', completeService())).toEqual([]);
  });

  it('without any one of the required sections cannot, and the issue names that field', () => {
    for (const section of serviceSections) {
      for (const field of section.fields.filter((f) => f.required)) {
        const content = completeService();
        const fields = { ...content.fields };
        delete fields[field.key];
        const issues = checkPublishable('SERVIZIO', { ...content, fields });
        expect(issues.map((issue) => issue.path.join('.'))).toEqual([`fields.${field.key}`]);
        expect(issues[0]!.code).toBe('REQUIRED');
        // an empty paragraph is no more a section than a missing one
        if (field.kind === 'richText') {
          expect(checkPublishable('SERVIZIO', { ...content, fields: { ...content.fields, [field.key]: paragraphs('  ') } })).toHaveLength(1);
        }
      }
    }
  });

  it('keeps the model order of the sections', () => {
    expect(serviceSections.map((section) => section.label.it)).toEqual([
      'A chi è rivolto',
      'Come fare',
      'Cosa serve',
      'Cosa si ottiene',
      'Tempi e scadenze',
      'Accedi al servizio',
      'Condizioni di servizio',
      'Contatti',
    ]);
  });

  it('a draft may be incomplete, but never hold a term outside the closed vocabularies or an unknown field', () => {
    expect(checkRevisionShape('SERVIZIO', { ...completeService(), fields: { category: 'anagrafe-e-stato-civile' } })).toEqual([]);
    const issues = checkRevisionShape('SERVIZIO', {
      ...completeService(),
      topics: ['residenza', 'astrologia'],
      fields: { category: 'oroscopi', colour: 'blue', onlineUrl: 'javascript:alert(1)' },
    });
    expect(issues.map((issue) => `${issue.path.join('.')}:${issue.code}`).sort()).toEqual([
      'fields.category:INVALID_CHOICE',
      'fields.colour:undefined',
      'fields.onlineUrl:INVALID_VALUE',
      'topics:INVALID_CHOICE',
    ]);
  });

  it('an event ends after it starts; a service that is not available says why', () => {
    const event: RevisionContent = {
      title: 'Festa',
      summary: 'La festa del paese.',
      topics: ['tempo-libero'],
      fields: { eventType: 'festa', body: paragraphs('Musica.'), address: 'Piazza Garibaldi', startsAt: '2026-06-02T18:00:00Z', endsAt: '2026-06-02T17:00:00Z' },
    };
    expect(checkPublishable('EVENTO', event).map((issue) => issue.code)).toEqual(['INVALID_DATE_RANGE']);
    expect(checkPublishable('SERVIZIO', { ...completeService(), fields: { ...completeService().fields, active: false } }).map((i) => i.path.join('.'))).toEqual([
      'fields.inactiveReason',
    ]);
  });
});
