import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as pkijs from 'pkijs';
import { certificatesFromPem } from './verify.ts';

export interface TrustOptions {
  /** PEM texts, each with one or more CA certificates. */
  trustedCaCertificates?: readonly string[];
  /**
   * A folder of `.pem`/`.crt` files (e.g. the CAs of AgID's list of qualified trust service
   * providers, converted to PEM). Read once, on the first verification.
   */
  trustedCaDirectory?: string;
}

/** The trusted CA certificates, loaded once; a file that is not PEM fails loudly rather than trusting less silently. */
export function trustStore(options: TrustOptions): () => Promise<readonly pkijs.Certificate[]> {
  let loaded: Promise<pkijs.Certificate[]> | undefined;
  const load = async () => {
    const pems = [...(options.trustedCaCertificates ?? [])];
    if (options.trustedCaDirectory) {
      const dir = options.trustedCaDirectory;
      const files = (await readdir(dir)).filter((name) => /\.(pem|crt|cer)$/i.test(name)).sort();
      for (const name of files) pems.push(await readFile(path.join(dir, name), 'utf8'));
    }
    return pems.flatMap((pem, index) => {
      try {
        return certificatesFromPem(pem);
      } catch (error) {
        throw new Error(`trusted CA ${index + 1}: ${(error as Error).message}`);
      }
    });
  };
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
