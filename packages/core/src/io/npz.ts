/**
 * numpy's `.npz` format: a zip archive of `.npy` members, stored (`np.savez`) or deflated
 * (`np.savez_compressed`). Decisions are in docs/numpy.md.
 */
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { TorchTypeError } from '../errors';
import { describe, Tensor } from '../tensor';
import { checkPath, decodeNpy, encodeNpyParts, readSource, writeParts, writePartsAsync, type NpySource } from './npy';
import { deflateAsync, deflateSync, entryData, entryDataAsync, readZip, writeZipAsync, writeZipSync, type ZipInput } from './zip';

/** Options of saveNpz / encodeNpz. */
export interface SaveNpzOptions {
  /** Deflate every member, as `np.savez_compressed` (default false: stored, as `np.savez`). */
  compressed?: boolean;
}

/** Tensors to save: by name, or an array (named `arr_0`, `arr_1`, ... as numpy names positional arrays). */
export type NpzContents = Record<string, Tensor> | readonly Tensor[];

/**
 * Reads a `.npz` file (path) or its bytes: every `name.npy` member becomes `result[name]`, in archive
 * order (members not ending in `.npy` are skipped, as they hold no array). Stored and deflated members,
 * zip64, every dtype and layout loadNpy reads. CRCs are checked.
 * @example
 * const { weight, bias } = torch.loadNpz('layer.npz');
 */
export function loadNpz(source: NpySource): Record<string, Tensor> {
  const op = 'loadNpz';
  const out = newRecord();
  for (const e of readZip(readSource(op, source), op)) if (isArrayMember(e.name)) put(out, e.name, decodeNpy(entryData(e, op), `${op} '${e.name}'`));
  return out;
}

/**
 * Promise form of loadNpz: reads and inflates off the event loop.
 * @example
 * const arrays = await torch.loadNpzAsync('layer.npz');
 */
export async function loadNpzAsync(source: NpySource): Promise<Record<string, Tensor>> {
  const op = 'loadNpzAsync';
  const bytes = typeof source === 'string' ? await readFile(source) : readSource(op, source);
  const out = newRecord();
  for (const e of readZip(bytes, op)) if (isArrayMember(e.name)) put(out, e.name, decodeNpy(await entryDataAsync(e, op), `${op} '${e.name}'`));
  return out;
}

/**
 * Writes tensors as a `.npz` file that `np.load` reads (the path is used as given; no `.npz` is
 * appended). `{ compressed: true }` deflates like `np.savez_compressed`.
 * @example
 * torch.saveNpz('layer.npz', { weight: w, bias: b });
 * torch.saveNpz('small.npz', [a, b], { compressed: true });   // members arr_0, arr_1
 */
export function saveNpz(path: string, tensors: NpzContents, options?: SaveNpzOptions): void {
  const op = 'saveNpz';
  checkPath(op, path);
  const members = membersOf(op, tensors);
  writeParts(path, writeZipSync(members, options?.compressed ? deflateSync : null));
}

/**
 * Promise form of saveNpz (deflates on the thread pool).
 * @example
 * await torch.saveNpzAsync('layer.npz', { weight: w }, { compressed: true });
 */
export async function saveNpzAsync(path: string, tensors: NpzContents, options?: SaveNpzOptions): Promise<void> {
  const op = 'saveNpzAsync';
  checkPath(op, path);
  const members = membersOf(op, tensors);
  await writePartsAsync(path, await writeZipAsync(members, options?.compressed ? deflateAsync : null));
}

/**
 * The bytes of a `.npz` file holding the tensors (what saveNpz writes).
 * @example
 * const bytes = torch.encodeNpz({ x: torch.arange(3) }, { compressed: true });
 * torch.loadNpz(bytes).x;   // int64 [0, 1, 2]
 */
export function encodeNpz(tensors: NpzContents, options?: SaveNpzOptions & { /** @internal */ forceZip64?: boolean }): Buffer {
  const members = membersOf('encodeNpz', tensors);
  return Buffer.concat(writeZipSync(members, options?.compressed ? deflateSync : null, options?.forceZip64));
}

/**
 * Decodes the bytes of a `.npz` file (what loadNpz does with a buffer).
 * @example
 * const arrays = torch.decodeNpz(fs.readFileSync('layer.npz'));
 */
export function decodeNpz(bytes: Uint8Array): Record<string, Tensor> {
  return loadNpz(bytes);
}

function isArrayMember(name: string): boolean {
  return name.endsWith('.npy');
}

function newRecord(): Record<string, Tensor> {
  return {};
}

/** Sets out[key] as an own property even for names like '__proto__'. */
function put(out: Record<string, Tensor>, member: string, t: Tensor): void {
  Object.defineProperty(out, member.slice(0, -4), { value: t, enumerable: true, writable: true, configurable: true });
}

/** Validates everything before anything is encoded or written. */
function membersOf(op: string, tensors: NpzContents): ZipInput[] {
  if (tensors === null || typeof tensors !== 'object' || tensors instanceof Tensor)
    throw new TorchTypeError(`${op}: expected an object of named tensors or an array of tensors, got ${describe(tensors)}`);
  const named: [string, unknown][] = Array.isArray(tensors)
    ? tensors.map((t, i) => [`arr_${i}`, t])
    : Object.entries(tensors as Record<string, unknown>);
  for (const [name, t] of named) {
    if (!(t instanceof Tensor)) throw new TorchTypeError(`${op}: '${name}' must be a Tensor, got ${describe(t)}`);
    if (name === '') throw new TorchTypeError(`${op}: array names must be non-empty`);
  }
  return named.map(([name, t]) => ({ name: `${name}.npy`, parts: encodeNpyParts(t as Tensor, op) }));
}
