// The app: loads the WebAssembly module once, at launch, and makes one
// `Platform` (a WasmHost over `wx`) for every page to use. `wasm/mpkit.js`
// and `wasm/mpkit.wasm.br` are built by `scripts/test-wasm.sh` (see the
// README, "Calling the platform from Rust in a mini program").
const mpkit = require('./wasm/mpkit.js');

App({
  // Resolves with the host over `wx` once the module is instantiated. The
  // host reads the base-library version itself, by the getters the schemas
  // name (`x-version-getters`: `wx.getAppBaseInfo().SDKVersion`, then
  // `wx.getSystemInfoSync().SDKVersion`).
  wx: mpkit
    .load('/wasm/mpkit.wasm.br')
    .then((module) => new module.Platform('wx', wx)),
});
