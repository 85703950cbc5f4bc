/**
 * A restricted reader and a small writer of Python's pickle format (protocols 2–5), enough for the
 * `data.pkl` of a PyTorch checkpoint. The reader runs a fixed set of opcodes on a stack machine and never
 * calls anything from the file: every global is resolved through the caller's allow-list (as PyTorch's
 * `weights_only=True` unpickler does) and every length is checked against the bytes that are left.
 * Decisions are in docs/serialization.md.
 * @internal
 */
import { Buffer } from 'node:buffer';
import { TorchSerializationError } from '../errors';

/** A Python dict while it is being filled (keys may be numbers, strings, tuples); `ordered` for OrderedDict. @internal */
export class PyDict {
  readonly entries = new Map<unknown, unknown>();
  constructor(readonly ordered: boolean) {}
}

/** A Python tuple: an array that the writer emits as a tuple rather than a list. @internal */
export class PyTuple {
  constructor(readonly items: unknown[]) {}
}

/** What the caller decides about the file's globals, persistent ids and calls. @internal */
export interface UnpickleHooks {
  /** The object a `module.name` global stands for; throws for anything not allowed. */
  findGlobal(module: string, name: string): unknown;
  /** The object a persistent id (a tuple, as PyTorch writes them) stands for. */
  persistentLoad(pid: unknown): unknown;
  /** Calls an allowed callable (a REDUCE); throws for anything else. */
  call(callable: unknown, args: unknown[]): unknown;
  /** Applies a BUILD's state to an object; throws where that is not allowed. */
  build(obj: unknown, state: unknown): unknown;
}

/** Longest LONG4 integer accepted, in bytes: Python's own checkpoints never come near it. */
const MAX_LONG_BYTES = 4096;

/**
 * Runs a pickle and returns its value (tuples as PyTuple, dicts as PyDict, lists as arrays).
 * @internal
 */
export function unpickle(bytes: Uint8Array, hooks: UnpickleHooks, op: string): unknown {
  return unpickleFrom(bytes, 0, hooks, op).value;
}

/**
 * Runs the pickle that starts at byte `start` (a stream may hold several, as PyTorch's legacy format does)
 * and returns its value and the byte after its STOP.
 * @internal
 */
export function unpickleFrom(bytes: Uint8Array, start: number, hooks: UnpickleHooks, op: string): { value: unknown; end: number } {
  const fail = (what: string): never => {
    throw new TorchSerializationError(`${op}: corrupt data.pkl: ${what}`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();
  let p = start;
  const need = (n: number) => {
    if (!(n >= 0 && p + n <= bytes.length)) fail(`an opcode at byte ${p} needs ${n} bytes, ${bytes.length - p} are left`);
    const at = p;
    p += n;
    return at;
  };
  const pop = (): unknown => {
    if (stack.length === 0 || (marks.length && stack.length <= marks[marks.length - 1]!)) fail(`stack underflow at byte ${p}`);
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0 || (marks.length && stack.length <= marks[marks.length - 1]!)) fail(`stack underflow at byte ${p}`);
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const m = marks.pop();
    if (m === undefined) fail(`no MARK before the opcode at byte ${p - 1}`);
    return stack.splice(m!);
  };
  const line = (): string => {
    // Names are short: searching a bounded window keeps a file of newline-less GLOBALs linear.
    const window = bytes.subarray(p, p + 1025).indexOf(0x0a);
    if (window < 0) fail(`an unterminated name at byte ${p}`);
    const end = p + window;
    const s = Buffer.from(bytes.buffer, bytes.byteOffset + p, end - p).toString('latin1');
    p = end + 1;
    return s;
  };
  const text = (n: number, encoding: 'utf8' | 'latin1') => {
    const at = need(n);
    return Buffer.from(bytes.buffer, bytes.byteOffset + at, n).toString(encoding);
  };
  const memoGet = (i: number) => {
    if (!memo.has(i)) fail(`memo entry ${i} is read before it is written`);
    return memo.get(i);
  };
  const dictOf = (d: unknown, what: string): PyDict => (d instanceof PyDict ? d : fail(`${what} on a ${describePy(d)}, not a dict`));
  const listOf = (l: unknown, what: string): unknown[] => (Array.isArray(l) ? l : fail(`${what} on a ${describePy(l)}, not a list`));
  const setItem = (d: PyDict, k: unknown, v: unknown) => {
    if (k instanceof PyDict || Array.isArray(k)) fail(`a dict key of type ${describePy(k)} (unhashable)`);
    d.entries.set(k, v);
  };

  for (;;) {
    const code = bytes[need(1)]!;
    switch (code) {
      case 0x80: // PROTO
        if (bytes[need(1)]! > 5) fail(`pickle protocol ${bytes[p - 1]} is newer than 5`);
        break;
      case 0x95: // FRAME: a length hint, the opcodes follow inline
        need(8);
        break;
      case 0x2e: // STOP
        if (stack.length !== 1 || marks.length) fail(`STOP with ${stack.length} values on the stack`);
        return { value: stack[0], end: p };
      case 0x28: // MARK
        marks.push(stack.length);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push(new PyTuple([]));
        break;
      case 0x7d: // EMPTY_DICT
        stack.push(new PyDict(false));
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x74: // TUPLE
        stack.push(new PyTuple(popMark()));
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: {
        // TUPLE3
        const items: unknown[] = [];
        for (let k = code - 0x84; k > 0; k--) items.unshift(pop());
        stack.push(new PyTuple(items));
        break;
      }
      case 0x6c: // LIST
        stack.push(popMark());
        break;
      case 0x64: {
        // DICT
        const items = popMark();
        if (items.length % 2) fail('DICT with an odd number of items');
        const d = new PyDict(false);
        for (let k = 0; k < items.length; k += 2) setItem(d, items[k], items[k + 1]);
        stack.push(d);
        break;
      }
      case 0x71: // BINPUT
        memo.set(bytes[need(1)]!, top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(view.getUint32(need(4), true), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
        stack.push(memoGet(bytes[need(1)]!));
        break;
      case 0x6a: // LONG_BINGET
        stack.push(memoGet(view.getUint32(need(4), true)));
        break;
      case 0x63: {
        // GLOBAL
        const module = line();
        stack.push(hooks.findGlobal(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop(), module = pop();
        if (typeof name !== 'string' || typeof module !== 'string') fail('STACK_GLOBAL needs two strings');
        stack.push(hooks.findGlobal(module as string, name as string));
        break;
      }
      case 0x51: // BINPERSID
        stack.push(hooks.persistentLoad(pop()));
        break;
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        if (!(args instanceof PyTuple)) fail(`REDUCE arguments are a ${describePy(args)}, not a tuple`);
        stack.push(hooks.call(callable, (args as PyTuple).items));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        stack.push(hooks.build(pop(), state));
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop(), k = pop();
        setItem(dictOf(top(), 'SETITEM'), k, v);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        if (items.length % 2) fail('SETITEMS with an odd number of items');
        const d = dictOf(top(), 'SETITEMS');
        for (let k = 0; k < items.length; k += 2) setItem(d, items[k], items[k + 1]);
        break;
      }
      case 0x61: {
        // APPEND
        const v = pop();
        listOf(top(), 'APPEND').push(v);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const l = listOf(top(), 'APPENDS');
        for (const v of items) l.push(v);
        break;
      }
      case 0x4a: // BININT
        stack.push(view.getInt32(need(4), true));
        break;
      case 0x4b: // BININT1
        stack.push(bytes[need(1)]!);
        break;
      case 0x4d: // BININT2
        stack.push(view.getUint16(need(2), true));
        break;
      case 0x8a: {
        // LONG1
        const n = bytes[need(1)]!;
        const at = need(n);
        stack.push(longValue(bytes.subarray(at, at + n)));
        break;
      }
      case 0x8b: {
        // LONG4
        const n = view.getInt32(need(4), true);
        if (n < 0 || n > MAX_LONG_BYTES) fail(`a LONG4 integer of ${n} bytes`);
        const at = need(n);
        stack.push(longValue(bytes.subarray(at, at + n)));
        break;
      }
      case 0x47: // BINFLOAT (big-endian)
        stack.push(view.getFloat64(need(8), false));
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x58: // BINUNICODE
        stack.push(text(view.getUint32(need(4), true), 'utf8'));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(bytes[need(1)]!, 'utf8'));
        break;
      case 0x8d: {
        // BINUNICODE8
        const n = view.getBigUint64(need(8), true);
        if (n > BigInt(bytes.length)) fail(`a string of ${n} bytes in a ${bytes.length}-byte pickle`);
        stack.push(text(Number(n), 'utf8'));
        break;
      }
      case 0x55: // SHORT_BINSTRING (Python 2 str)
        stack.push(text(bytes[need(1)]!, 'latin1'));
        break;
      case 0x54: {
        // BINSTRING
        const n = view.getInt32(need(4), true);
        if (n < 0) fail(`a string of negative length ${n}`);
        stack.push(text(n, 'latin1'));
        break;
      }
      default:
        fail(`opcode 0x${code.toString(16).padStart(2, '0')} at byte ${p - 1} is not allowed (only the opcodes tensors and containers need are)`);
    }
  }
}

/** A little-endian two's-complement integer of any length, as pickle's LONG opcodes store it. */
function longValue(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  if (b.length && b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
  return v;
}

/** A value's Python-ish kind for messages. @internal */
export function describePy(v: unknown): string {
  if (v === null) return 'None';
  if (v instanceof PyDict) return v.ordered ? 'OrderedDict' : 'dict';
  if (v instanceof PyTuple) return 'tuple';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

/**
 * Writes pickle opcodes (protocol 2, which every Python 3 reads) into a growing buffer.
 * @internal
 */
export class PickleWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private n = 0;
  private memoCount = 0;

  constructor() {
    this.byte(0x80, 2); // PROTO 2
  }

  private reserve(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Raw opcode bytes. */
  byte(...codes: number[]): this {
    this.reserve(codes.length);
    for (const c of codes) this.buf[this.n++] = c;
    return this;
  }

  none(): this {
    return this.byte(0x4e);
  }

  bool(b: boolean): this {
    return this.byte(b ? 0x88 : 0x89);
  }

  /** A JS number: an int opcode when it is an integer that fits 32 bits, else a float (Python reads 1e10 as 1e10.0). */
  number(x: number): this {
    if (Number.isInteger(x) && !Object.is(x, -0) && x >= -0x80000000 && x <= 0x7fffffff) {
      if (x >= 0 && x < 256) return this.byte(0x4b, x);
      if (x >= 0 && x < 65536) return this.byte(0x4d, x & 0xff, x >> 8);
      this.reserve(5);
      this.buf[this.n] = 0x4a;
      this.view.setInt32(this.n + 1, x, true);
      this.n += 5;
      return this;
    }
    this.reserve(9);
    this.buf[this.n] = 0x47;
    this.view.setFloat64(this.n + 1, x, false);
    this.n += 9;
    return this;
  }

  /** A bigint as LONG1 (what Python writes for integers beyond 32 bits), so it reads back as a bigint. */
  bigint(v: bigint): this {
    const out: number[] = [];
    let x = v;
    // Two's complement, little-endian, as few bytes as keep the sign.
    for (;;) {
      const b = Number(x & 0xffn);
      out.push(b);
      x >>= 8n;
      if ((x === 0n && !(b & 0x80)) || (x === -1n && b & 0x80)) break;
    }
    if (out.length < 256) return this.byte(0x8a, out.length, ...out);
    this.reserve(5 + out.length);
    this.buf[this.n] = 0x8b;
    this.view.setInt32(this.n + 1, out.length, true);
    this.n += 5;
    return this.byte(...out);
  }

  string(s: string): this {
    const b = Buffer.from(s, 'utf8');
    this.reserve(5 + b.length);
    this.buf[this.n] = 0x58;
    this.view.setUint32(this.n + 1, b.length, true);
    this.buf.set(b, this.n + 5);
    this.n += 5 + b.length;
    return this;
  }

  /** A `module.name` global (GLOBAL opcode). */
  global(module: string, name: string): this {
    const b = Buffer.from(`${module}\n${name}\n`, 'latin1');
    this.reserve(1 + b.length);
    this.buf[this.n++] = 0x63;
    this.buf.set(b, this.n);
    this.n += b.length;
    return this;
  }

  mark(): this {
    return this.byte(0x28);
  }

  /** Builds a tuple of the values pushed since the last mark (or of the last 0–3 values). */
  tuple(count: number): this {
    if (count === 0) return this.byte(0x29);
    if (count <= 3) return this.byte(0x84 + count);
    return this.byte(0x74);
  }

  emptyList(): this {
    return this.byte(0x5d);
  }

  emptyDict(): this {
    return this.byte(0x7d);
  }

  appends(): this {
    return this.byte(0x65);
  }

  setitems(): this {
    return this.byte(0x75);
  }

  reduce(): this {
    return this.byte(0x52);
  }

  persistentId(): this {
    return this.byte(0x51);
  }

  /** Memoizes the top of the stack and returns its memo index. */
  put(): number {
    const i = this.memoCount++;
    if (i < 256) this.byte(0x71, i);
    else {
      this.reserve(5);
      this.buf[this.n] = 0x72;
      this.view.setUint32(this.n + 1, i, true);
      this.n += 5;
    }
    return i;
  }

  /** Pushes a memoized value again. */
  get(i: number): this {
    if (i < 256) return this.byte(0x68, i);
    this.reserve(5);
    this.buf[this.n] = 0x6a;
    this.view.setUint32(this.n + 1, i, true);
    this.n += 5;
    return this;
  }

  /** Ends the pickle and returns its bytes. */
  finish(): Uint8Array {
    this.byte(0x2e);
    return this.buf.subarray(0, this.n);
  }
}
