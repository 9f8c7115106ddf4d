import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HARNESS_HOST } from './target.ts';

/** A TLS key and certificate for the harness's loopback origin. */
export interface LoopbackCertificate {
  readonly key: Buffer;
  readonly cert: Buffer;
}

let made: LoopbackCertificate | null | undefined;

/**
 * A throwaway self-signed certificate for HARNESS_HOST, made once per process with Debian's openssl
 * (nothing secret is kept in the repository; Chromium is told to accept it, chromium-args.ts).
 * TLS only so that Chromium speaks HTTP/2 to the harness: over HTTP/1.1 it opens at most 6
 * connections per host, and a grid's thumbnails would wait in line for them, where Electron's
 * protocol handler has no connections at all. Null when openssl is missing: the harness then serves
 * plain HTTP/1.1 (slower thumbnails, same behaviour).
 */
export function loopbackCertificate(): LoopbackCertificate | null {
  if (made !== undefined) return made;
  const dir = mkdtempSync(join(tmpdir(), 'keepsake-harness-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${HARNESS_HOST}`, '-addext', `subjectAltName=DNS:${HARNESS_HOST}`],
      { stdio: 'ignore' },
    );
    made = { key: readFileSync(key), cert: readFileSync(cert) };
  } catch {
    made = null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return made;
}
