// A worker that runs the Rust module where WebAssembly exists only in
// workers: Alipay (`MYWebAssembly`, base library 2.9.7; on iOS the worker
// must be enabled). The page starts it with `my.createWorker('workers/index.js')`
// and posts `{ id, root, version, method, args }`; the worker calls
// `method` of a `Platform` over `root`, a platform object reachable inside
// the worker (here an EMAS Serverless client made in the worker, given as
// `mpserverless`), and answers `{ id, value }` or `{ id, error }`. Calls on
// objects of the page's thread must be forwarded by the page: a worker
// cannot hold them.
// Code in a worker can only `require` files inside the workers' directory
// (`"workers": "workers"` in app.json), so the glue has a copy here
// (`workers/mpkit.js`, written by build-miniprogram.sh --workers), while the
// module itself stays outside it (that directory is packed as JavaScript
// only) and is loaded by its path in the code package. The glue finds
// MYWebAssembly itself (or WXWebAssembly / TTWebAssembly in the workers of
// WeChat and Douyin).
var mpkit = require('./mpkit.js');

var roots = {
  mpserverless: typeof mpserverless !== 'undefined' ? mpserverless : undefined,
};
var platforms = {};

worker.onMessage(function (message) {
  mpkit
    .load('/wasm/mpkit.wasm.br')
    .then(function (module) {
      var platform = platforms[message.root];
      if (!platform) {
        if (!roots[message.root]) throw new Error('no ' + message.root + ' in this worker');
        platform = new module.Platform(message.root, roots[message.root], message.version);
        platforms[message.root] = platform;
      }
      return platform[message.method].apply(platform, message.args || []);
    })
    .then(
      function (value) {
        worker.postMessage({ id: message.id, value: value });
      },
      function (error) {
        worker.postMessage({ id: message.id, error: String(error && error.message) });
      },
    );
});
