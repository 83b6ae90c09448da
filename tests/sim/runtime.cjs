// Node stand-ins for the JavaScript runtimes of mini programs, to run the
// example project (`examples/miniprogram/`) as WeChat, Douyin and Alipay
// would: scripts run in a separate context with CommonJS `require` inside
// the code package, the platform object (`wx`, `tt`, `my`, from the
// simulator), timers, and nothing a mini program lacks: no `WebAssembly`
// global, no `TextDecoder`/`TextEncoder`, no `fetch`, no `queueMicrotask`.
// WebAssembly comes only from the platform's own object, whose
// `instantiate(path, imports)` takes an absolute path inside the code
// package and nothing else, under the platform's documented conditions:
//
//   WeChat  WXWebAssembly  base library >= 2.13.0; `.wasm.br` from 2.14.0;
//                          resolves `{ instance }`.
//   Douyin  TTWebAssembly  mini apps >= 2.34.0.0; `.wasm.br` from 2.92.0.0;
//                          also `compile(path)`; resolves `{ module, instance }`.
//   Alipay  MYWebAssembly  base library >= 2.9.7, only inside a worker
//                          (`my.createWorker`); `.wasm` and `.wasm.br`;
//                          resolves `{ module, instance }`.
//
// `runMiniProgram` runs the app and its pages (WeChat, Douyin);
// `runWorker` runs a worker script (Alipay's only place for WebAssembly),
// with the worker's `worker.onMessage` / `worker.postMessage`.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const zlib = require('zlib');

/** Whether version `a` is older than `b`, segment by segment. */
function older(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] || 0, b[i] || 0];
    if (x !== y) return x < y;
  }
  return false;
}

/** The platforms: their WebAssembly object and its conditions. */
const PLATFORMS = {
  wechat: { root: 'wx', object: 'WXWebAssembly', since: [2, 13, 0], brotliSince: [2, 14, 0], module: false, compile: false, workerOnly: false },
  douyin: { root: 'tt', object: 'TTWebAssembly', since: [2, 34, 0, 0], brotliSince: [2, 92, 0, 0], module: true, compile: true, workerOnly: false },
  alipay: { root: 'my', object: 'MYWebAssembly', since: [2, 9, 7], brotliSince: [2, 9, 7], module: true, compile: false, workerOnly: true },
};

/** A platform's WebAssembly object over `projectDir`, at base library `version`. */
function platformWebAssembly(platform, projectDir, version) {
  const spec = PLATFORMS[platform];
  const outer = WebAssembly;
  const name = spec.object;
  const refuse = (method, message) => Promise.reject(new TypeError(`${name}.${method}: ${message}`));
  /** The module's bytes at `file`, or the reason it cannot be read. */
  const read = (method, file) => {
    if (typeof file !== 'string') return { error: refuse(method, 'the first argument must be a path in the code package') };
    if (!file.startsWith('/')) return { error: refuse(method, `"${file}" is not an absolute path in the code package`) };
    const compressed = file.endsWith('.wasm.br');
    if (!compressed && !file.endsWith('.wasm')) return { error: refuse(method, `"${file}" is not a .wasm or .wasm.br file`) };
    if (compressed && older(version, spec.brotliSince)) {
      return { error: refuse(method, `.wasm.br needs base library ${spec.brotliSince.join('.')}`) };
    }
    const full = path.join(projectDir, file);
    if (!full.startsWith(projectDir) || !fs.existsSync(full)) return { error: refuse(method, `no file "${file}" in the code package`) };
    const bytes = fs.readFileSync(full);
    return { bytes: compressed ? zlib.brotliDecompressSync(bytes) : bytes };
  };
  const object = {
    instantiate(file, imports) {
      const { error, bytes } = read('instantiate', file);
      if (error) return error;
      return outer.instantiate(bytes, imports).then(({ module, instance }) => (spec.module ? { module, instance } : { instance }));
    },
    Memory: outer.Memory,
    Table: outer.Table,
    Global: outer.Global,
    Instance: outer.Instance,
  };
  if (spec.compile) {
    object.compile = (file) => {
      const { error, bytes } = read('compile', file);
      return error || outer.compile(bytes);
    };
  }
  return object;
}

/** A fresh context with what every mini-program runtime has, and `globals`. */
function context(globals) {
  const sandbox = { console, setTimeout, clearTimeout, setInterval, clearInterval, ...globals };
  const made = vm.createContext(sandbox);
  vm.runInContext(
    'delete globalThis.WebAssembly; delete globalThis.TextDecoder; delete globalThis.TextEncoder;',
    made,
  );
  return made;
}

/** CommonJS `require` of files inside `root` (the code package, or the workers' directory), run in `made`. */
function requireIn(root, made) {
  const cache = new Map();
  const requireFrom = (dir) => (specifier) => {
    let file = path.resolve(dir, specifier);
    if (!file.endsWith('.js')) file += '.js';
    if (!file.startsWith(`${root}${path.sep}`)) throw new Error(`require outside ${root}: ${specifier}`);
    if (cache.has(file)) return cache.get(file).exports;
    const module = { exports: {} };
    cache.set(file, module);
    const wrapper = vm.runInContext(
      `(function (module, exports, require) {${fs.readFileSync(file, 'utf8')}\n})`,
      made,
      { filename: file },
    );
    wrapper(module, module.exports, requireFrom(path.dirname(file)));
    return module.exports;
  };
  return requireFrom(root);
}

/** The globals of `platform`'s main (app and pages) context. */
function mainGlobals(platform, root, roots, version) {
  const spec = PLATFORMS[platform];
  const globals = { ...roots };
  if (!spec.workerOnly && !older(version, spec.since)) {
    globals[spec.object] = platformWebAssembly(platform, root, version);
  }
  return globals;
}

/**
 * Loads `projectDir`'s app and pages as `platform` (`wechat`, `douyin`,
 * `alipay`) would, at base library `sdkVersion`, with `roots` (`{ wx }`,
 * `{ tt }`) as globals. Returns what `App` and `Page` registered, the
 * context, and `require` inside the code package.
 */
function runMiniProgram(projectDir, { platform = 'wechat', roots, sdkVersion }) {
  const root = path.resolve(projectDir);
  const version = sdkVersion.split('.').map(Number);
  const registered = { app: undefined, pages: [] };
  const made = context({
    ...mainGlobals(platform, root, roots, version),
    App(definition) {
      registered.app = definition;
    },
    Page(definition) {
      registered.pages.push(definition);
    },
    getApp() {
      return registered.app;
    },
  });
  const load = requireIn(root, made);
  load('./app.js');
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
  for (const page of app.pages) load(`./${page}.js`);
  return { registered, context: made, require: load };
}

/**
 * Runs worker script `script` as Alipay runs a worker made by
 * `my.createWorker(script)`: the script is a path in the workers' directory
 * that `app.json` names (`"workers": "workers"`), and, as the platforms
 * document, code there can `require` only files inside that directory.
 * `MYWebAssembly` is there from 2.9.7, with a `worker` object
 * (`onMessage`, `postMessage`) and `globals` besides. Returns `post(message)`
 * (what the page's `worker.postMessage` sends), the worker's replies, and
 * its context.
 */
function runWorker(projectDir, script, { platform = 'alipay', sdkVersion, globals = {} }) {
  const root = path.resolve(projectDir);
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
  if (typeof app.workers !== 'string') throw new Error('app.json names no "workers" directory');
  const workersDir = path.join(root, app.workers);
  if (!path.resolve(root, script).startsWith(`${workersDir}${path.sep}`)) {
    throw new Error(`the worker script ${script} is not in the workers' directory ${app.workers}`);
  }
  const version = sdkVersion.split('.').map(Number);
  const spec = PLATFORMS[platform];
  const replies = [];
  const listeners = [];
  const worker = {
    onMessage(listener) {
      listeners.push(listener);
    },
    postMessage(message) {
      // Messages cross threads as copies.
      replies.push(JSON.parse(JSON.stringify(message)));
    },
  };
  const workerGlobals = { ...globals, worker };
  if (!older(version, spec.since)) workerGlobals[spec.object] = platformWebAssembly(platform, root, version);
  const made = context(workerGlobals);
  requireIn(workersDir, made)(path.resolve(root, script));
  const post = (message) => {
    const copy = JSON.parse(JSON.stringify(message));
    setTimeout(() => listeners.forEach((listener) => listener(copy)), 0);
  };
  return { post, replies, context: made };
}

/** A page instance as the framework makes one: its data, and `setData`. */
function instantiatePage(definition) {
  const page = Object.create(definition);
  page.data = JSON.parse(JSON.stringify(definition.data || {}));
  page.setData = (changes) => Object.assign(page.data, changes);
  return page;
}

module.exports = { runMiniProgram, runWorker, instantiatePage, platformWebAssembly, PLATFORMS };
