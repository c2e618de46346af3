// PEC and signatures' mutations in words, for the audit trail.
import type { Label } from '@gea/web-kit/plugin';

export const pecSignaturesOperations: Readonly<Record<string, Label>> = {
  createPecMailbox: { it: 'Nuova casella PEC', en: 'New PEC mailbox' },
  updatePecMailbox: { it: 'Modifica di una casella PEC', en: 'PEC mailbox changed' },
  setPecMailboxUsers: { it: 'Utenti di una casella PEC', en: 'PEC mailbox users set' },
  createRegistryOffice: { it: 'Nuova AOO', en: 'New registry office (AOO)' },
  updateRegistryOffice: { it: 'Modifica di una AOO', en: 'Registry office (AOO) changed' },
  setRegistryOfficeProtocolSystem: { it: 'Sistema di protocollo di una AOO', en: 'Registry office protocol system set' },
  createSignatureCertificate: { it: 'Nuovo certificato di firma', en: 'New signature certificate' },
  updateSignatureCertificate: { it: 'Modifica di un certificato di firma', en: 'Signature certificate changed' },
  setSignatureCertificateStatus: { it: 'Stato di un certificato di firma', en: 'Signature certificate status set' },
  registerPecMessage: { it: 'Registrazione di un messaggio PEC', en: 'PEC message recorded' },
  setPecMessageProtocol: { it: 'Protocollazione di un messaggio PEC', en: 'PEC message protocol set' },
  registerPecReceipt: { it: 'Registrazione di una ricevuta PEC', en: 'PEC receipt recorded' },
  registerPecReceiptEml: { it: 'Registrazione di una ricevuta PEC (file .eml)', en: 'PEC receipt recorded (.eml file)' },
  verifySignature: { it: 'Verifica di una firma digitale', en: 'Digital signature verified' },
  importTrustedList: { it: 'Importazione della lista dei certificatori fidati', en: 'Trusted list imported' },
};
