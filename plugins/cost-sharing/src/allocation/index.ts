export {
  allocateCosts,
  allocateCostsIn,
  numbersSuffice,
  validateAllocationInput,
  AllocationInputError,
  BASIS_POINTS,
  type AllocationBody,
  type AllocationExpense,
  type AllocationProject,
  type StaffLoan,
  type CorrectiveAppliesTo,
  type Corrective,
  type AllocationInput,
  type AllocationIssue,
  type BodyAllocation,
  type AllocationResult,
  type PoolSplit,
  type SplitBasis,
} from './allocate.ts';
export { largestRemainder, type ApportionShare } from './largest-remainder.ts';
export { explainAllocation, formatEuros, formatPercent, centsToDecimalString, type ExplanationLocale } from './explain.ts';
