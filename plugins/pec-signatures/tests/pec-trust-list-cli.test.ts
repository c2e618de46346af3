// `npm run trust:import -- <file.xml> [--dry-run]` as an operator runs it: a child process on an
// embedded data folder that does not exist yet (a dry run checks against an empty database).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type {} from '@gea/test-kit/provided.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestPki } from './fixtures/pki.ts';
import { trustListXml } from './fixtures/trust-list.ts';

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../src/cli/import-trust-list.ts');
let dir: string;
let pki: TestPki;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gea-trust-cli-'));
  pki = await TestPki.create();
  const ca = await pki.ca('Example Qualified CA', { key: 'ec-p256' });
  await writeFile(
    path.join(dir, 'TSL-IT.xml'),
    trustListXml({
      providers: [
        {
          name: 'Example S.p.A.',
          services: [
            { name: 'Example Qualified CA', type: 'CA/QC', status: 'granted', certificates: [ca.pem] },
            { name: 'Example Old CA', type: 'CA/QC', status: 'withdrawn', certificates: [ca.pem] },
          ],
        },
      ],
    }),
  );
  await writeFile(path.join(dir, 'daticert.xml'), '<postacert tipo="accettazione"/>');
}, 60_000);
afterAll(async () => {
  await pki?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, GEA_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' }, timeout: 280_000 }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (failed: { code: number; stdout: string; stderr: string }) => ({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
  );

// The command uses its own embedded folder, not the test database: once, in the PGlite project, is enough.
describe.runIf(inject('testDatabase').kind === 'pglite')('npm run trust:import', { timeout: 300_000 }, () => {
  it('a dry run says what would be loaded and what is skipped, and why', async () => {
    const result = await cli(path.join(dir, 'TSL-IT.xml'), '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dry run, nothing written; would load the trusted list of IT (AgID - Agency for Digital Italy, sequence 42');
    expect(result.stdout).toContain('  1 service certificate(s) loaded as trust anchors\n  1 skipped:\n    - Example S.p.A. / Example Old CA: STATUS_NOT_GRANTED (the service is not active (status withdrawn))');
  });

  it('a file that is not a trusted list: exit code 1, and why', async () => {
    const result = await cli(path.join(dir, 'daticert.xml'), '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the file is not an ETSI TS 119 612 trusted list \(root element postacert.*nothing was imported/);
  });

  it('without a file: the usage line', async () => {
    const result = await cli();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('usage: npm run trust:import -- <file.xml> [--dry-run]');
  });
});
