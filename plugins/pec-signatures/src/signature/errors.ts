import { fill, signatureInputCodes, type MessageValues, type SignatureInputCode } from './messages.ts';

/**
 * Why a file cannot be verified at all (as opposed to a signature that does not verify): a stable
 * `code`, the English `message` and the Italian `messageIt`.
 */
export class SignatureInputError extends Error {
  readonly messageIt: string;
  constructor(
    readonly field: 'file' | 'content',
    readonly code: SignatureInputCode,
    values: MessageValues = {},
  ) {
    super(fill(signatureInputCodes[code].en, values));
    this.messageIt = fill(signatureInputCodes[code].it, values);
  }
}
