// Walks every class the built umbrella exports (namespaces included) and prints, as JSON, those whose
// name is not one of the keys they are exported under, and those V8 keeps as slow dictionary-mode
// objects. Run by ../class-names.test.ts with --allow-natives-syntax (for %HasFastProperties).
const torch = require('torch');
const keys = new Map(); // class -> keys it is exported under
const seen = new Set();
function walk(ns, depth, path) {
  if (depth > 4 || seen.has(ns)) return;
  seen.add(ns);
  for (const key of Object.keys(ns)) {
    const v = ns[key];
    if (typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v))) {
      if (!keys.has(v)) keys.set(v, { keys: new Set(), path });
      keys.get(v).keys.add(key);
    } else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) walk(v, depth + 1, `${path}.${key}`);
  }
}
walk(torch, 0, 'torch');
const misnamed = [], slow = [];
for (const [cls, { keys: ks, path }] of keys) {
  if (!ks.has(cls.name)) misnamed.push(`${path}.${[...ks].join('/')} is named ${JSON.stringify(cls.name)}`);
  // The legacy modules' constructor-signature decorators are lowered by esbuild into code that redefines
  // properties of the class, which leaves a few of them slow; nothing hot tests instanceof on them.
  if (!path.startsWith('torch.legacy') && !eval('%HasFastProperties(cls)')) slow.push(`${path}.${cls.name}`);
}
console.log(JSON.stringify({ classes: keys.size, misnamed, slow }));
