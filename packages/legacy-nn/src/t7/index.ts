/**
 * Torch7 `.t7` files: `load` reads Lua Torch's `torch.save` output (binary or ascii, 64- or 32-bit longs)
 * and `save` writes files Lua Torch's `torch.load` reads. Both keep shared references: a storage, table or
 * object that appears twice in the file is one JavaScript object, so views of one storage stay views.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TorchT7Error } from './format';
import { readT7, type T7LoadOptions } from './read';
import { writeT7, type T7SaveOptions } from './write';

export { TorchT7Error, T7Object, T7LuaFunction, type T7ClassHandler } from './format';
export { registerT7Class, type T7LoadOptions } from './read';
export type { T7SaveOptions, T7Writable } from './write';
export type { T7Encoding } from './source';

/**
 * Reads a Torch7 file (a path, or its bytes). Tensors and storages come back as @torch/core ones, tables
 * as arrays (keys 1..n) or objects, and objects of registered Torch7 classes (the legacy nn modules) as
 * instances of their classes; other classes throw unless `{ unknownClasses: 'object' }`.
 * @example
 * const net = torch.legacy.load('model.t7');                       // binary, 64-bit longs
 * const old = torch.legacy.load('model-32.t7', { longSize: 4 });   // Torch7's 'b32'
 * const txt = torch.legacy.load('weights.ascii', { mode: 'ascii' });
 */
export function load(source: string | Uint8Array, options: T7LoadOptions = {}): unknown {
  const bytes = typeof source === 'string' ? readFileSync(source) : source;
  if (!(bytes instanceof Uint8Array)) throw new TorchT7Error(`load: expected a path or a Uint8Array, got ${typeof source}`);
  return readT7(bytes, options);
}

/**
 * Writes `value` as a Torch7 file (a path), or returns its bytes when `path` is omitted.
 * @example
 * torch.legacy.save('weights.t7', { weight: torch.randn(3, 4), bias: torch.zeros(3) });
 * const bytes = torch.legacy.serialize(torch.eye(2));
 */
export function save(path: string, value: unknown, options: T7SaveOptions = {}): void {
  writeFileSync(path, writeT7(value, options));
}

/**
 * The bytes of `value` as a Torch7 file (Lua's `torch.serialize`).
 * @example const bytes = torch.legacy.serialize(torch.eye(2)); torch.legacy.load(bytes);
 */
export function serialize(value: unknown, options: T7SaveOptions = {}): Buffer {
  return writeT7(value, options);
}
