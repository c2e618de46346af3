// Words of the administration's shared parts: the page for screens a person may not use, the
// confirmation dialog, the confirmation before switching a module off for a body.
import { createMessages } from '@gea/web-kit';

const it = {
  tokensNav: 'Token API',
  noAccessTitle: 'Accesso non consentito',
  noAccess: 'Il tuo profilo non consente di usare questa pagina. Se ti serve, chiedi al responsabile del servizio ICT.',
  noAccessHome: 'Torna al cruscotto',
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
  tokensNav: 'API tokens',
  noAccessTitle: 'Access not allowed',
  noAccess: 'Your profile does not allow you to use this page. If you need it, ask the head of the ICT office.',
  noAccessHome: 'Back to the dashboard',
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
