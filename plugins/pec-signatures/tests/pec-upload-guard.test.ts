import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';

// Finding 4 of issue 12: a multipart upload was parsed before anyone was identified, and an
// anonymous 10 MB upload froze the server. Now the caller is identified from the headers first.
const plugins = [createPecSignaturesPlugin()];
const t = useTestApi(plugins);
const UPLOAD_LIMIT = 1024 * 1024;
let server: Server;
let port: number;
let staff: string;
let bodyGid: string;

const VERIFY = 'mutation ($entityId: ID!, $file: Upload!) { verifySignature(entityId: $entityId, file: $file) { __typename ... on InputError { issues { path message } } ... on SignatureFileError { field reason } } }';
const BOUNDARY = '----gea-upload-test';

/** The multipart body up to the file's bytes, and what closes it. */
function multipartAround(fileName: string) {
  const head =
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
    JSON.stringify({ query: VERIFY, variables: { entityId: bodyGid, file: null } }) +
    `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.file"]}` +
    `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"; filename="${fileName}"\r\nContent-Type: application/pkcs7-mime\r\n\r\n`;
  return { head: Buffer.from(head), tail: Buffer.from(`\r\n--${BOUNDARY}--\r\n`) };
}

/**
 * Sends the headers of a multipart POST declaring `declaredBytes` and only the first `sentBytes`
 * of its body, then waits for the answer: a server that answers has not waited for the rest.
 */
function partialUpload(declaredBytes: number, sentBytes: number, authorization?: string) {
  return new Promise<{ status: number; raw: string }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer while the body was incomplete; got: ${raw.slice(0, 200)}`));
    }, 20_000);
    socket.on('data', (chunk) => {
      raw += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(raw);
      const headerEnd = raw.indexOf('\r\n\r\n');
      if (!status || headerEnd < 0) return;
      const length = /\r\ncontent-length: (\d+)/i.exec(raw.slice(0, headerEnd));
      const complete = length ? raw.length >= headerEnd + 4 + Number(length[1]) : raw.endsWith('\r\n0\r\n\r\n');
      if (complete) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status: Number(status[1]), raw });
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const { head } = multipartAround('large.p7m');
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\n` +
        `Content-Length: ${declaredBytes}\r\nx-gea-client: upload-test\r\n${authorization ? `Authorization: ${authorization}\r\n` : ''}\r\n`,
    );
    socket.write(Buffer.concat([head, randomBytes(Math.max(0, sentBytes - head.length))]));
  });
}

/** The JSON body of a raw HTTP response, whole or chunked. */
function bodyOf(raw: string): { errors?: { extensions?: Record<string, unknown> }[] } {
  const headerEnd = raw.indexOf('\r\n\r\n');
  let body = raw.slice(headerEnd + 4);
  if (/\r\ntransfer-encoding: chunked/i.test(raw.slice(0, headerEnd))) {
    let text = '';
    for (let at = 0; ; ) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = parseInt(body.slice(at, lineEnd), 16);
      if (!size) break;
      text += body.slice(lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    body = text;
  }
  return JSON.parse(body);
}

beforeAll(async () => {
  const api = createTestApi(t.db, plugins, { realAuth: true, uploadMaxBytes: UPLOAD_LIMIT });
  const body = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Upload' } });
  await enableModules(t.db, [body.id], ['pec-signatures']);
  bodyGid = toGlobalId('Entity', body.id);
  staff = await sessionToken(t.db, (await createUser(t.db, 'upload.staff@example.it', [{ role: 'ICT_STAFF', entityId: null }])).id);
  server = createServer(api.yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('multipart uploads', () => {
  it('an anonymous 10 MB upload is refused with 401 before its body is read, and /live answers meanwhile', async () => {
    const tenMegabytes = 10 * 1024 * 1024;
    const refused = partialUpload(tenMegabytes, 64 * 1024);
    const live = await fetch(`http://127.0.0.1:${port}/live`);
    expect(live.status).toBe(200);
    // Only 64 kB of the 10 MB were ever sent: the answer cannot have waited for the body.
    const { status, raw } = await refused;
    expect(status).toBe(401);
    expect(bodyOf(raw).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('a refused token is answered the same way, with its code', async () => {
    const { status, raw } = await partialUpload(512 * 1024, 64 * 1024, `Bearer gea_AAAAAAAA_${'x'.repeat(43)}`);
    expect(status).toBe(401);
    expect(bodyOf(raw).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('a signed-in upload declaring more than the limit gets 413 at once', async () => {
    const { status, raw } = await partialUpload(UPLOAD_LIMIT + 1024, 64 * 1024, `Bearer ${staff}`);
    expect(status).toBe(413);
    expect(bodyOf(raw).errors![0]!.extensions).toMatchObject({ code: 'REQUEST_ENTITY_TOO_LARGE', maximumBytes: UPLOAD_LIMIT });
  });

  it('a signed-in upload without a declared length is stopped at the limit while it streams (413)', async () => {
    const { head, tail } = multipartAround('chunked.p7m');
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, authorization: `Bearer ${staff}`, 'x-gea-client': 'upload-test' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      request.on('error', reject);
      // Chunked: no Content-Length. Three times the limit, in 64 kB pieces, unless the server answers first.
      void (async () => {
        request.write(head);
        const chunk = randomBytes(64 * 1024);
        for (let sent = 0; sent < 3 * UPLOAD_LIMIT && !request.destroyed; sent += chunk.length) {
          if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
        }
        request.end(tail);
      })().catch(() => undefined);
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('a signed-in upload within the limit reaches the mutation', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: VERIFY, variables: { entityId: bodyGid, file: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new File([new Uint8Array(randomBytes(200 * 1024))], 'not-a-signature.p7m', { type: 'application/pkcs7-mime' }));
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'x-gea-client': 'upload-test' },
      body: form,
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { data: { verifySignature: { __typename: string; field: string; reason: string } } };
    // The file was read and judged: not a signature, said of the `file` field.
    expect(result.data.verifySignature).toEqual({ __typename: 'SignatureFileError', field: 'file', reason: 'NOT_DER_OR_BASE64' });
  });
});
