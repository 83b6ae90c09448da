// The loader glue converter (hosts/wasm/glue/miniprogram-glue.cjs): what it
// keeps, what it replaces, and that glue it does not know is refused with
// the missing anchor named rather than converted by guess.
'use strict';

const assert = require('assert/strict');
const path = require('path');
const test = require('node:test');

const { convert } = require(path.resolve(__dirname, '..', '..', 'hosts', 'wasm', 'glue', 'miniprogram-glue.cjs'));

const WEB = `
export function hello(x) { return wasm.hello(x); }
export class Platform { }
function __wbg_get_imports() { return {}; }
let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const cachedTextEncoder = new TextEncoder();
let wasmModule, wasmInstance, wasm;
function __wbg_finalize_init(instance, module) { wasm = instance.exports; return wasm; }
async function __wbg_load(module, imports) { return WebAssembly.instantiate(module, imports); }
async function __wbg_init(p) { p = new URL('x_bg.wasm', import.meta.url); return fetch(p); }
export { initSync, __wbg_init as default };
`;

test('exports become CommonJS, loading goes through the platform object', () => {
  const out = convert(WEB);
  assert.match(out, /module\.exports = \{ load: load, hello: hello, Platform: Platform \}/);
  assert.match(out, /new __mpkitTextDecoder\('utf-8'/);
  assert.match(out, /new __mpkitTextEncoder\(\)/);
  for (const gone of [/import\.meta/, /\bfetch\(/, /^export /m, /WebAssembly\.instantiate\(module/]) {
    assert.doesNotMatch(out, gone);
  }
  for (const platform of ['WXWebAssembly', 'TTWebAssembly', 'MYWebAssembly']) {
    assert.match(out, new RegExp(`typeof ${platform} !== 'undefined'`));
  }
});

test('glue without an anchor is refused, naming it', () => {
  assert.throws(
    () => convert(WEB.replace('function __wbg_finalize_init(instance, module)', 'function start(i)')),
    /no `function __wbg_finalize_init\(instance, module\)`/,
  );
});

test('glue that still loads by itself after conversion is refused', () => {
  const leaky = WEB.replace('function __wbg_get_imports() { return {}; }', 'function __wbg_get_imports() { return WebAssembly.Memory; }');
  assert.throws(() => convert(leaky), /still uses `WebAssembly\.`/);
});

test('the glue picks the WebAssembly object the runtime has, the platform one first', () => {
  const vm = require('vm');
  const pick = (globals) => {
    const context = vm.createContext({});
    vm.runInContext('delete globalThis.WebAssembly;', context);
    Object.assign(context, globals);
    const body = `${convert(WEB)}\nmodule.exports.pick = __mpkitWebAssembly;`;
    const module = { exports: {} };
    vm.runInContext(`(function (module) {${body}\n})`, context)(module);
    return module.exports.pick();
  };
  const [wx, tt, my, web] = [{ n: 'wx' }, { n: 'tt' }, { n: 'my' }, { n: 'web' }];
  assert.equal(pick({ WXWebAssembly: wx }), wx);
  assert.equal(pick({ TTWebAssembly: tt }), tt);
  assert.equal(pick({ MYWebAssembly: my }), my);
  // Developer tools have the standard object beside the platform's.
  assert.equal(pick({ WXWebAssembly: wx, WebAssembly: web }), wx);
  assert.equal(pick({ WebAssembly: web }), web);
  assert.throws(() => pick({}), /no WebAssembly \(WeChat needs base library 2\.13\.0, Douyin 2\.34\.0\.0, Alipay 2\.9\.7 in a worker\)/);
});
