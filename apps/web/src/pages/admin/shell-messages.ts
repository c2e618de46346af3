// The few administration words the signed-in frame needs on every page (first route): the API
// tokens menu entry, the page for screens a person may not use, the header's notifications link.
import { createMessages } from '@gea/web-kit';

const it = {
  tokensNav: 'Token API',
  noAccessTitle: 'Accesso non consentito',
  noAccess: 'Il tuo profilo non consente di usare questa pagina. Se ti serve, chiedi al responsabile del servizio ICT.',
  noAccessHome: 'Torna al cruscotto',
  notificationsLink: 'Notifiche',
  notificationsUnread: 'Notifiche: {{ count }} da leggere',
  notificationsNone: 'Notifiche: nessuna da leggere',
};

const en: typeof it = {
  tokensNav: 'API tokens',
  noAccessTitle: 'Access not allowed',
  noAccess: 'Your profile does not allow you to use this page. If you need it, ask the head of the ICT office.',
  noAccessHome: 'Back to the dashboard',
  notificationsLink: 'Notifications',
  notificationsUnread: 'Notifications: {{ count }} unread',
  notificationsNone: 'Notifications: none unread',
};

export const sm = createMessages({ it, en });
