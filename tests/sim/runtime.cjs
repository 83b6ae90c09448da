// A Node stand-in for a mini program's service layer, to run the example
// project (`examples/miniprogram/`) as WeChat would: its scripts run in a
// separate context with CommonJS `require` inside the code package, `App`,
// `Page` and `getApp`, the simulator's `wx`, timers, and nothing a mini
// program lacks: no `WebAssembly` global, no `TextDecoder`/`TextEncoder`,
// no `fetch`, no `queueMicrotask`. WebAssembly comes only from
// `WXWebAssembly.instantiate(path, imports)`, which takes a path inside the
// code package (`.wasm`, or `.wasm.br` from base library 2.14.0) and nothing
// else, as WeChat's does.
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

/** WeChat's `WXWebAssembly`: `instantiate(path, imports)` only. */
function wxWebAssembly(projectDir, baseLibrary) {
  const outer = WebAssembly;
  const refuse = (message) => Promise.reject(new TypeError(`WXWebAssembly.instantiate: ${message}`));
  return {
    instantiate(file, imports) {
      if (typeof file !== 'string') return refuse('the first argument must be a path in the code package');
      if (!file.startsWith('/')) return refuse(`"${file}" is not an absolute path in the code package`);
      const compressed = file.endsWith('.wasm.br');
      if (!compressed && !file.endsWith('.wasm')) return refuse(`"${file}" is not a .wasm or .wasm.br file`);
      if (compressed && older(baseLibrary(), [2, 14, 0])) return refuse('.wasm.br needs base library 2.14.0');
      const full = path.join(projectDir, file);
      if (!full.startsWith(projectDir) || !fs.existsSync(full)) return refuse(`no file "${file}" in the code package`);
      let bytes = fs.readFileSync(full);
      if (compressed) bytes = zlib.brotliDecompressSync(bytes);
      // WeChat resolves with an object holding the instance.
      return outer.instantiate(bytes, imports).then(({ instance }) => ({ instance }));
    },
  };
}

/** Loads `projectDir`'s app and pages in a fresh mini-program-like context. */
function runMiniProgram(projectDir, { wx, sdkVersion }) {
  const root = path.resolve(projectDir);
  const version = () => sdkVersion.split('.').map(Number);
  const registered = { app: undefined, pages: [] };
  const sandbox = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    wx,
    WXWebAssembly: wxWebAssembly(root, version),
    App(definition) {
      registered.app = definition;
    },
    Page(definition) {
      registered.pages.push(definition);
    },
    getApp() {
      return registered.app;
    },
  };
  const context = vm.createContext(sandbox);
  vm.runInContext(
    'delete globalThis.WebAssembly; delete globalThis.TextDecoder; delete globalThis.TextEncoder;',
    context,
  );
  const cache = new Map();
  const requireFrom = (dir) => (specifier) => {
    let file = path.resolve(dir, specifier);
    if (!file.endsWith('.js')) file += '.js';
    if (!file.startsWith(root)) throw new Error(`require outside the code package: ${specifier}`);
    if (cache.has(file)) return cache.get(file).exports;
    const module = { exports: {} };
    cache.set(file, module);
    const wrapper = vm.runInContext(
      `(function (module, exports, require) {${fs.readFileSync(file, 'utf8')}\n})`,
      context,
      { filename: file },
    );
    wrapper(module, module.exports, requireFrom(path.dirname(file)));
    return module.exports;
  };
  const load = requireFrom(root);
  load('./app.js');
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
  for (const page of app.pages) load(`./${page}.js`);
  return { registered, context };
}

/** A page instance as the framework makes one: its data, and `setData`. */
function instantiatePage(definition) {
  const page = Object.create(definition);
  page.data = JSON.parse(JSON.stringify(definition.data || {}));
  page.setData = (changes) => Object.assign(page.data, changes);
  return page;
}

module.exports = { runMiniProgram, instantiatePage, wxWebAssembly };
