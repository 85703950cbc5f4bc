/**
 * Verified downloads for dataset files: HTTP(S) GET with redirects, resumption of a partial file
 * (`<file>.part`, continued with a Range request), sha256/md5 checks, an atomic rename into place, and a
 * progress bar (cli-progress) on an interactive stderr.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { basename, dirname } from 'node:path';
import { TorchTypeError } from '@torch/core';
import { SingleBar } from 'cli-progress';
import { checkOptions, describe } from './util';

/**
 * A download that failed: an HTTP error status, a network error, a body shorter than announced, or a
 * file whose checksum does not match.
 * @example
 * try { await data.downloadUrl(url, file, { sha256 }); } catch (e) { e instanceof data.DownloadError; }
 */
export class DownloadError extends Error {
  override name = 'DownloadError';
}

/** Expected checksums (hex); every one given is checked. */
export interface Checksums {
  sha256?: string;
  md5?: string;
}

/** Progress: true for a bar on stderr (when it is a terminal), false for none, or a callback. */
export type ProgressOption = boolean | ((received: number, total: number | undefined) => void);

/** Options of {@link downloadUrl}. */
export interface DownloadOptions extends Checksums {
  /** Default: a bar when stderr is a terminal. */
  progress?: ProgressOption;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** Socket inactivity timeout in ms (default 30000). */
  timeoutMs?: number;
}

/**
 * The file's hex digest.
 * @example
 * await data.fileDigest('train-images-idx3-ubyte.gz', 'md5');
 */
export async function fileDigest(path: string, algorithm: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Whether `path` exists and matches every checksum given (just existence when none is).
 * @example
 * if (!(await data.checkIntegrity(file, { md5 }))) await data.downloadUrl(url, file, { md5 });
 */
export async function checkIntegrity(path: string, sums: Checksums = {}): Promise<boolean> {
  if (!existsSync(path) || !statSync(path).isFile()) return false;
  return (await mismatch(path, sums)) === null;
}

/** The first checksum that does not match, as a message, or null. */
async function mismatch(path: string, sums: Checksums): Promise<string | null> {
  for (const algorithm of ['sha256', 'md5'] as const) {
    const want = sums[algorithm];
    if (want === undefined) continue;
    const got = await fileDigest(path, algorithm);
    if (got !== want.toLowerCase()) return `${algorithm} mismatch: expected ${want.toLowerCase()}, got ${got}`;
  }
  return null;
}

function request(url: string, headers: Record<string, string>, timeoutMs: number): Promise<IncomingMessage> {
  const u = new URL(url);
  const get = u.protocol === 'https:' ? httpsGet : u.protocol === 'http:' ? httpGet : null;
  if (!get) return Promise.reject(new DownloadError(`downloadUrl: unsupported protocol ${u.protocol} in ${url} (http and https only)`));
  return new Promise((resolve, reject) => {
    const req = get(u, { headers: { 'user-agent': 'torch-ts-data', ...headers } }, resolve);
    req.setTimeout(timeoutMs, () => req.destroy(new DownloadError(`downloadUrl: no data from ${url} for ${timeoutMs} ms`)));
    req.on('error', (e) => reject(e instanceof DownloadError ? e : new DownloadError(`downloadUrl: ${url}: ${e.message}`)));
  });
}

/** Follows redirects; returns the final response (status 200, 206 or 416). */
async function open(url: string, from: number, options: Settings): Promise<IncomingMessage> {
  let current = url;
  for (let hops = 0; ; hops++) {
    const res = await request(current, from > 0 ? { range: `bytes=${from}-` } : {}, options.timeoutMs);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hops >= options.maxRedirects) throw new DownloadError(`downloadUrl: more than ${options.maxRedirects} redirects from ${url}`);
      current = new URL(res.headers.location, current).toString();
      continue;
    }
    if (status === 200 || status === 206 || status === 416) return res;
    res.resume();
    throw new DownloadError(`downloadUrl: GET ${current} answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
  }
}

function progressSink(option: ProgressOption, label: string): { update(received: number, total: number | undefined): void; stop(): void } {
  if (typeof option === 'function') return { update: option, stop: () => {} };
  if (!option) return { update: () => {}, stop: () => {} };
  let bar: SingleBar | null = null;
  return {
    update(received, total) {
      if (!bar) {
        bar = new SingleBar({
          format: `${label} [{bar}] {percentage}% | {value}/{total} KiB | {speed} KiB/s | ETA {eta_formatted}`,
          hideCursor: false,
          stream: process.stderr,
        });
        bar.start(Math.ceil((total ?? received) / 1024), 0, { speed: '0' });
      }
      const kib = Math.ceil(received / 1024);
      if (total === undefined) bar.setTotal(Math.max(kib, 1));
      bar.update(kib, { speed: '…' });
    },
    stop() {
      bar?.stop();
    },
  };
}

/**
 * Downloads `url` to `path` unless `path` is already there with the given checksums. The body goes to
 * `path + '.part'` (continued with an HTTP Range request when a partial file is left from an interrupted
 * run), is checked against every checksum given, and is renamed to `path` only once it matches, so `path`
 * never holds a partial or corrupt file. A checksum mismatch deletes the partial file and throws.
 * @example
 * await data.downloadUrl('https://example.org/t10k-labels-idx1-ubyte.gz', 'data/t10k-labels-idx1-ubyte.gz',
 *   { md5: 'bb300cfdad3c16e7a12a480ee83cd310' });
 */
export async function downloadUrl(url: string, path: string, options?: DownloadOptions): Promise<string> {
  const op = 'downloadUrl';
  checkOptions(op, options, ['sha256', 'md5', 'progress', 'maxRedirects', 'timeoutMs']);
  if (typeof url !== 'string') throw new TorchTypeError(`${op}: url must be a string, got ${describe(url)}`);
  if (typeof path !== 'string' || path === '') throw new TorchTypeError(`${op}: path must be a non-empty string, got ${describe(path)}`);
  const sums: Checksums = { sha256: options?.sha256, md5: options?.md5 };
  for (const [k, v] of Object.entries(sums))
    if (v !== undefined && (typeof v !== 'string' || !/^[0-9a-f]+$/i.test(v))) throw new TorchTypeError(`${op}: ${k} must be a hex string, got ${describe(v)}`);
  const settings = { maxRedirects: options?.maxRedirects ?? 5, timeoutMs: options?.timeoutMs ?? 30000 };
  if (await checkIntegrity(path, sums)) return path;
  mkdirSync(dirname(path), { recursive: true });
  return fetchTo(url, path, sums, settings, options?.progress ?? Boolean(process.stderr.isTTY), true);
}

type Settings = Required<Pick<DownloadOptions, 'maxRedirects' | 'timeoutMs'>>;

/** One download into path.part (continued when `resume` and a partial file exists), verified, renamed. */
async function fetchTo(url: string, path: string, sums: Checksums, settings: Settings, progress: ProgressOption, resume: boolean): Promise<string> {
  const op = 'downloadUrl';
  const part = `${path}.part`;
  const from = resume && existsSync(part) ? statSync(part).size : 0;
  const res = await open(url, from, settings);
  const sink = progressSink(progress, basename(path));
  try {
    if (res.statusCode === 416) {
      // The server has nothing past what we hold: the partial file is complete (the checksum decides).
      res.resume();
    } else {
      const resumed = res.statusCode === 206 && new RegExp(`^bytes ${from}-`).test(String(res.headers['content-range'] ?? ''));
      const start = resumed ? from : 0;
      if (res.statusCode === 206 && !resumed) {
        res.resume();
        throw new DownloadError(`${op}: ${url} answered a range request for bytes ${from}- with Content-Range ${res.headers['content-range']}`);
      }
      const length = res.headers['content-length'] === undefined ? undefined : Number(res.headers['content-length']);
      const total = length === undefined ? undefined : start + length;
      let received = start;
      await new Promise<void>((resolve, reject) => {
        const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
        // Settle only once the file is closed: what arrived before a dropped connection must be on disk
        // before the caller can resume from it.
        let failure: DownloadError | null = null;
        const fail = (e: DownloadError) => {
          if (failure) return;
          failure = e;
          res.unpipe(out);
          out.end();
        };
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          sink.update(received, total);
        });
        res.on('error', (e) => fail(new DownloadError(`${op}: ${url}: ${e.message}`)));
        res.on('aborted', () => fail(new DownloadError(`${op}: ${url}: connection closed after ${received} bytes`)));
        out.on('error', (e) => {
          failure ??= new DownloadError(`${op}: cannot write ${part}: ${e.message}`);
        });
        out.on('close', () => (failure ? reject(failure) : resolve()));
        res.pipe(out);
      });
      if (total !== undefined && received < total)
        throw new DownloadError(`${op}: ${url}: connection closed after ${received} of ${total} bytes; run again to resume from ${part}`);
    }
  } finally {
    sink.stop();
  }
  const bad = await mismatch(part, sums);
  if (bad !== null) {
    rmSync(part, { force: true });
    // A partial file left by another run may not be a prefix of this file: start over once, from byte 0.
    if (from > 0) return fetchTo(url, path, sums, settings, progress, false);
    throw new DownloadError(`${op}: ${url}: ${bad}; the download was deleted`);
  }
  renameSync(part, path);
  return path;
}
