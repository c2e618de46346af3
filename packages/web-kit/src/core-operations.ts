// The core's mutations in words, for the audit trail. Each plugin labels its own in
// `plugins/<key>/web/operations.ts` (its web definition's `operations`).
import type { Label } from './plugin.ts';

export const coreOperations: Readonly<Record<string, Label>> = {
  login: { it: 'Accesso', en: 'Sign-in' },
  logout: { it: 'Uscita', en: 'Sign-out' },
  revokeSession: { it: 'Chiusura di una sessione', en: 'Session ended' },
  createUser: { it: 'Nuovo utente', en: 'New user' },
  setUserActive: { it: 'Attivazione o disattivazione di un utente', en: 'User enabled or disabled' },
  assignRole: { it: 'Assegnazione di un ruolo', en: 'Role granted' },
  revokeRole: { it: 'Revoca di un ruolo', en: 'Role revoked' },
  setReferent: { it: 'Nomina del referente', en: 'Referent appointed' },
  createApiToken: { it: 'Nuovo token API', en: 'New API token' },
  revokeApiToken: { it: 'Revoca di un token API', en: 'API token revoked' },
  createEntity: { it: 'Nuovo ente', en: 'New body' },
  updateEntity: { it: 'Modifica di un ente', en: 'Body changed' },
  importEntities: { it: 'Importazione degli enti', en: 'Bodies imported' },
  recordPopulation: { it: 'Registrazione della popolazione', en: 'Population recorded' },
  importPopulation: { it: 'Importazione della popolazione', en: 'Population imported' },
  createSite: { it: 'Nuova sede', en: 'New site' },
  updateSite: { it: 'Modifica di una sede', en: 'Site changed' },
  createAssociation: { it: 'Nuova forma associativa', en: 'New association' },
  setAssociationMembership: { it: 'Adesione a una forma associativa', en: 'Association membership set' },
  setModuleEnabled: { it: 'Attivazione o disattivazione di un modulo', en: 'Module enabled or disabled' },
  markNotificationsRead: { it: 'Notifiche segnate come lette', en: 'Notifications marked read' },
  setNotificationPreference: { it: 'Preferenze delle notifiche', en: 'Notification preferences' },
};
