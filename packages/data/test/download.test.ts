import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity, DownloadError, downloadUrl, fileDigest } from '../src/index';
import { startServer, type TestServer } from './server';

const body = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31 + 7) % 251);
const sha256 = createHash('sha256').update(body).digest('hex');
const md5 = createHash('md5').update(body).digest('hex');
let server: TestServer;
let dir: string;
const quiet = { progress: false } as const;

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'download-test-'));
  server.routes.set('/file.bin', { body });
  server.routes.set('/norange.bin', { body, ranges: false });
  server.routes.set('/moved', { body, redirect: '/file.bin' });
});
afterAll(() => server.close());

describe('downloadUrl', () => {
  it('downloads, checks sha256 and md5, and renames into place', async () => {
    const dest = join(dir, 'a', 'file.bin');
    const seen: [number, number | undefined][] = [];
    await downloadUrl(`${server.url}/file.bin`, dest, { sha256, md5, progress: (r, t) => seen.push([r, t]) });
    expect(Buffer.from(readFileSync(dest)).equals(Buffer.from(body))).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(seen.at(-1)).toEqual([body.length, body.length]);
    expect(await fileDigest(dest, 'md5')).toBe(md5);
    expect(await checkIntegrity(dest, { sha256 })).toBe(true);
    expect(await checkIntegrity(dest, { md5: '0'.repeat(32) })).toBe(false);
  });

  it('skips files already present with the right checksum', async () => {
    const dest = join(dir, 'present.bin');
    writeFileSync(dest, body);
    const before = server.requests.length;
    await downloadUrl(`${server.url}/file.bin`, dest, { sha256, ...quiet });
    expect(server.requests.length).toBe(before);
  });

  it('deletes a download whose checksum does not match and says so', async () => {
    const dest = join(dir, 'bad.bin');
    await expect(downloadUrl(`${server.url}/file.bin`, dest, { sha256: 'ab'.repeat(32), ...quiet })).rejects.toThrow(
      new RegExp(`sha256 mismatch: expected ${'ab'.repeat(32)}, got ${sha256}; the download was deleted`),
    );
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('resumes a partial file with a Range request', async () => {
    const dest = join(dir, 'resume.bin');
    writeFileSync(`${dest}.part`, body.subarray(0, 40_000));
    await downloadUrl(`${server.url}/file.bin`, dest, { sha256, ...quiet });
    expect(server.requests.at(-1)!.headers.range).toBe('bytes=40000-');
    expect(Buffer.from(readFileSync(dest)).equals(Buffer.from(body))).toBe(true);
  });

  it('starts over when the server ignores the Range request', async () => {
    const dest = join(dir, 'norange.bin');
    writeFileSync(`${dest}.part`, body.subarray(0, 5000));
    await downloadUrl(`${server.url}/norange.bin`, dest, { sha256, ...quiet });
    expect(Buffer.from(readFileSync(dest)).equals(Buffer.from(body))).toBe(true);
  });

  it('starts over once when a stale partial file does not match', async () => {
    const dest = join(dir, 'stale.bin');
    writeFileSync(`${dest}.part`, new Uint8Array(body.length)); // complete length, wrong bytes: server answers 416
    await downloadUrl(`${server.url}/file.bin`, dest, { sha256, ...quiet });
    expect(Buffer.from(readFileSync(dest)).equals(Buffer.from(body))).toBe(true);
  });

  it('keeps what arrived when the connection drops, and the next call resumes it', async () => {
    server.routes.set('/flaky.bin', { body, cutAfter: 30_000 });
    const dest = join(dir, 'flaky.bin');
    await expect(downloadUrl(`${server.url}/flaky.bin`, dest, { sha256, ...quiet })).rejects.toThrow(DownloadError);
    expect(existsSync(dest)).toBe(false);
    expect(readFileSync(`${dest}.part`).length).toBe(30_000);
    server.routes.set('/flaky.bin', { body });
    await downloadUrl(`${server.url}/flaky.bin`, dest, { sha256, ...quiet });
    expect(server.requests.at(-1)!.headers.range).toBe('bytes=30000-');
    expect(Buffer.from(readFileSync(dest)).equals(Buffer.from(body))).toBe(true);
  });

  it('follows redirects and reports HTTP errors with the status', async () => {
    const dest = join(dir, 'moved.bin');
    await downloadUrl(`${server.url}/moved`, dest, { md5, ...quiet });
    expect(readFileSync(dest).length).toBe(body.length);
    await expect(downloadUrl(`${server.url}/nothing`, join(dir, 'x'), quiet)).rejects.toThrow(/GET http:\/\/127.0.0.1:\d+\/nothing answered HTTP 404 Not Found/);
    await expect(downloadUrl(`${server.url}/moved`, join(dir, 'y'), { maxRedirects: 0, ...quiet })).rejects.toThrow(/more than 0 redirects/);
    await expect(downloadUrl('ftp://127.0.0.1/x', join(dir, 'z'), quiet)).rejects.toThrow(/unsupported protocol ftp:/);
  });

  it('checks its arguments', async () => {
    await expect(downloadUrl(`${server.url}/file.bin`, join(dir, 'q'), { sha1: 'ab' } as never)).rejects.toThrow(/unknown option 'sha1'/);
    await expect(downloadUrl(`${server.url}/file.bin`, join(dir, 'q'), { md5: 'xyz' })).rejects.toThrow(/md5 must be a hex string/);
  });
});
