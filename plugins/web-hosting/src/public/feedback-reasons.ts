// The follow-up question of the model's page rating ("Quanto sono chiare le informazioni su questa
// pagina?"): what was wrong (1 to 3 stars) or good (4 and 5), as closed lists. Data only.
import type { Label } from '../model/content-types.ts';

export const negativeFeedbackReasons = [
  { key: 'unclear', label: { it: 'A volte le indicazioni non erano chiare', en: 'Sometimes the directions were not clear' } },
  { key: 'incomplete', label: { it: 'A volte le indicazioni non erano complete', en: 'Sometimes the directions were incomplete' } },
  { key: 'confusing', label: { it: 'A volte non capivo se stavo procedendo correttamente', en: 'Sometimes I could not tell whether I was doing it right' } },
  { key: 'technical-problems', label: { it: 'Ho avuto problemi tecnici', en: 'I had technical problems' } },
  { key: 'other', label: { it: 'Altro', en: 'Other' } },
] as const satisfies readonly { key: string; label: Label }[];

export const positiveFeedbackReasons = [
  { key: 'clear', label: { it: 'Le indicazioni erano chiare', en: 'The directions were clear' } },
  { key: 'complete', label: { it: 'Le indicazioni erano complete', en: 'The directions were complete' } },
  { key: 'easy', label: { it: 'Capivo sempre che stavo procedendo correttamente', en: 'I always knew I was doing it right' } },
  { key: 'no-technical-problems', label: { it: 'Non ho avuto problemi tecnici', en: 'I had no technical problems' } },
  { key: 'other', label: { it: 'Altro', en: 'Other' } },
] as const satisfies readonly { key: string; label: Label }[];

export const FEEDBACK_QUESTION: Label = { it: 'Quanto sono chiare le informazioni su questa pagina?', en: 'How clear is the information on this page?' };

/** The reasons a visitor may give with a rating. */
export const feedbackReasonsFor = (rating: number) => (rating <= 3 ? negativeFeedbackReasons : positiveFeedbackReasons);
