// Procurement's mutations in words, for the audit trail.
import type { Label } from '@gea/web-kit/plugin';

export const procurementOperations: Readonly<Record<string, Label>> = {
  createSupplier: { it: 'Nuovo fornitore', en: 'New supplier' },
  updateSupplier: { it: 'Modifica di un fornitore', en: 'Supplier changed' },
  createContract: { it: 'Nuovo contratto', en: 'New contract' },
  updateContract: { it: 'Modifica di un contratto', en: 'Contract changed' },
  setContractCoverage: { it: 'Beni e licenze coperti da un contratto', en: 'Contract coverage set' },
  attachContractDocument: { it: 'Documento allegato a un contratto', en: 'Contract document attached' },
  removeContractDocument: { it: 'Documento tolto da un contratto', en: 'Contract document removed' },
  createExpense: { it: 'Nuova spesa', en: 'New expense' },
  updateExpense: { it: 'Modifica di una spesa', en: 'Expense changed' },
  deleteExpense: { it: 'Eliminazione di una spesa', en: 'Expense deleted' },
  createProject: { it: 'Nuovo progetto', en: 'New project' },
  updateProject: { it: 'Modifica di un progetto', en: 'Project changed' },
  createStaffSecondment: { it: 'Nuovo comando di personale', en: 'New staff secondment' },
  updateStaffSecondment: { it: 'Modifica di un comando di personale', en: 'Staff secondment changed' },
  deleteStaffSecondment: { it: 'Eliminazione di un comando di personale', en: 'Staff secondment deleted' },
};
