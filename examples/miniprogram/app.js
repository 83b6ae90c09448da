// The app: loads the WebAssembly module once, at launch, and makes one
// `Platform` (a WasmHost over the platform object) for every page to use.
// The same scripts run in WeChat (`wx`, WXWebAssembly) and Douyin (`tt`,
// TTWebAssembly; its page templates are the .ttml/.ttss beside the
// .wxml/.wxss): the loader glue finds the runtime's WebAssembly object
// itself, and the app only picks the platform object it has. Alipay runs
// WebAssembly only in workers: see `workers/index.js`.
// `wasm/mpkit.js` and `wasm/mpkit.wasm.br` are built by
// `hosts/wasm/glue/build-miniprogram.sh` (see the README, "Calling the
// platform from Rust in a mini program").
const mpkit = require('./wasm/mpkit.js');

// `wx` in WeChat, `tt` in Douyin.
const root = typeof wx !== 'undefined' ? 'wx' : 'tt';

App({
  root,
  // Resolves with the host over the platform object once the module is
  // instantiated. The host reads the base-library version itself, by the
  // getters the schemas name (`x-version-getters`: WeChat's
  // `getAppBaseInfo().SDKVersion`, then `getSystemInfoSync().SDKVersion`;
  // Douyin's `getSystemInfoSync().SDKVersion`).
  platform: mpkit
    .load('/wasm/mpkit.wasm.br')
    .then((module) => new module.Platform(root, root === 'wx' ? wx : tt)),
});
