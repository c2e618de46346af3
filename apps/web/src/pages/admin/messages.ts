// Words of the administration's shared parts: the confirmation dialog, the confirmation before
// switching a module off for a body. (What the first route needs is in shell-messages.ts.)
import { createMessages } from '@gea/web-kit';

const it = {
  confirm: 'Conferma',
  cancel: 'Annulla',
  moduleOffTitle: 'Disattivare «{{ module }}» per {{ body }}?',
  moduleOffEffect:
    'Chi lavora per {{ body }} non vedrà più le pagine di «{{ module }}» e il server rifiuterà le richieste del modulo per questo ente, anche quelle dei sistemi collegati con token API. Gli avvisi del modulo per l’ente si fermano.',
  moduleOffKept: 'I dati già registrati restano salvati e tornano disponibili quando il modulo viene riattivato.',
  moduleOffConfirm: 'Disattiva per {{ body }}',
  moduleOffCancelled: '«{{ module }}» resta attivo per {{ body }}.',
};

const en: typeof it = {
  confirm: 'Confirm',
  cancel: 'Cancel',
  moduleOffTitle: 'Switch “{{ module }}” off for {{ body }}?',
  moduleOffEffect:
    'People working for {{ body }} will no longer see the pages of “{{ module }}”, and the server will refuse the module’s requests for this body, those of systems connected with API tokens included. The module’s alerts for the body stop.',
  moduleOffKept: 'Data already recorded stays saved and is available again when the module is switched back on.',
  moduleOffConfirm: 'Switch off for {{ body }}',
  moduleOffCancelled: '“{{ module }}” stays on for {{ body }}.',
};

export const am = createMessages({ it, en });
