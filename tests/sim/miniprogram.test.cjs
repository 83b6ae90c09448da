// The example mini program (`examples/miniprogram/`) loaded in the Node
// stand-ins for the runtimes of WeChat, Douyin and Alipay (`runtime.cjs`):
// its loader glue must find the runtime's own WebAssembly object
// (WXWebAssembly, TTWebAssembly, or MYWebAssembly in an Alipay worker),
// load the `.wasm.br` by path where the base library allows it, work
// without TextDecoder and TextEncoder, and the page (or the worker) must get
// the user's data through Rust, from options the simulator validated
// against the schema.
//
// Run by scripts/test-wasm.sh after it has built `examples/miniprogram/wasm/`:
//   node --test tests/sim/miniprogram.test.cjs
'use strict';

const assert = require('assert/strict');
const path = require('path');
const test = require('node:test');
const vm = require('vm');

const { createSimulator } = require('./sim.js');
const { runMiniProgram, runWorker, instantiatePage } = require('./runtime.cjs');

const PROJECT = process.env.MPKIT_MINIPROGRAM || path.resolve(__dirname, '..', '..', 'examples', 'miniprogram');

function start(sdkVersion, platform = 'wechat') {
  const sim = createSimulator();
  const root = platform === 'douyin' ? 'tt' : 'wx';
  sim.setVersion(root, sdkVersion);
  const started = runMiniProgram(PROJECT, {
    platform,
    roots: { [root]: sim.root(root) },
    sdkVersion,
  });
  return { sim, ...started };
}

test('the runtime stand-in lacks what mini programs lack', () => {
  const { context } = start('3.4.1');
  for (const name of ['WebAssembly', 'TextDecoder', 'TextEncoder', 'fetch', 'queueMicrotask']) {
    assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', name);
  }
});

test('the page gets the nickname through the wasm module', async () => {
  const { sim, registered } = start('3.4.1');
  sim.script('wx.getUserInfo', 'success', 'wechat/getUserInfo/success-basic.json');
  const page = instantiatePage(registered.pages[0]);
  await page.showUser();
  assert.equal(page.data.error, '');
  assert.equal(page.data.nickName, 'Band');
  const calls = JSON.parse(sim.calls());
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].options, { lang: 'zh_CN' });
  assert.equal(calls[0].valid, true);
  assert.deepEqual(calls[0].callbacks, ['complete', 'fail', 'success']);
});

test('a platform failure reaches the page as an error that says what to do', async () => {
  const { sim, registered } = start('3.4.1');
  sim.script('wx.getUserInfo', 'fail', 'wechat/getUserInfo/fail-auth-deny.json');
  const page = instantiatePage(registered.pages[0]);
  await page.showUser();
  assert.equal(page.data.nickName, '');
  assert.match(page.data.error, /wx\.getUserInfo failed: auth deny/);
});

test('a base library without .wasm.br support cannot load the module', async () => {
  const { registered } = start('2.13.0');
  await assert.rejects(registered.app.platform, /\.wasm\.br needs base library 2\.14\.0/);
});

test('only the WeChat stand-in has WXWebAssembly, from base library 2.13.0', async () => {
  const typeOf = async (version, name) => {
    const { context, registered } = start(version);
    // The app's load settles either way; only the global is looked at here.
    await registered.app.platform.catch(() => undefined);
    return vm.runInContext(`typeof ${name}`, context);
  };
  assert.equal(await typeOf('2.13.0', 'WXWebAssembly'), 'object');
  assert.equal(await typeOf('2.12.9', 'WXWebAssembly'), 'undefined');
  for (const name of ['TTWebAssembly', 'MYWebAssembly']) assert.equal(await typeOf('3.4.1', name), 'undefined');
});

test('WeChat before 2.13.0: the glue says what is missing', async () => {
  const { registered } = start('2.12.9');
  await assert.rejects(registered.app.platform, /no WebAssembly \(WeChat needs base library 2\.13\.0/);
});

test('Douyin: the same project loads through TTWebAssembly and calls tt.getUserInfo', async () => {
  const { sim, registered, context } = start('3.20.0', 'douyin');
  assert.equal(vm.runInContext('typeof TTWebAssembly', context), 'object');
  assert.equal(vm.runInContext('typeof WXWebAssembly', context), 'undefined');
  sim.script('tt.getUserInfo', 'success', 'douyin/getUserInfo/success-basic.json');
  const page = instantiatePage(registered.pages[0]);
  await page.showUser();
  assert.equal(page.data.error, '');
  assert.equal(page.data.nickName, '抖音用户');
  const calls = JSON.parse(sim.calls());
  assert.equal(calls.length, 1);
  assert.equal(calls[0].api, 'tt.getUserInfo');
  assert.deepEqual(calls[0].options, { withRealNameAuthenticationInfo: true });
  assert.equal(calls[0].valid, true);
});

test('Douyin before 2.92.0.0 loads the uncompressed module only', async () => {
  const { registered, require } = start('2.50.0.0', 'douyin');
  await assert.rejects(registered.app.platform, /TTWebAssembly\.instantiate: \.wasm\.br needs base library 2\.92\.0\.0/);
  // The glue forgets a failed load, so the app can try the plain `.wasm`.
  const exports = await require('./wasm/mpkit.js').load('/wasm/mpkit.wasm');
  assert.equal(typeof exports.Platform, 'function');
});

test('Douyin before 2.34.0.0 has no TTWebAssembly: the glue says so', async () => {
  const { registered, context } = start('2.33.0.0', 'douyin');
  assert.equal(vm.runInContext('typeof TTWebAssembly', context), 'undefined');
  await assert.rejects(registered.app.platform, /no WebAssembly \(.*Douyin 2\.34\.0\.0/);
});

/** The worker's answer to `message`. */
async function ask(worker, message) {
  worker.post(message);
  for (let i = 0; i < 200; i++) {
    const reply = worker.replies.find((r) => r.id === message.id);
    if (reply) return reply;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the worker did not answer ${JSON.stringify(message)}`);
}

test('Alipay: the module runs in a worker through MYWebAssembly', async () => {
  const sim = createSimulator();
  const worker = runWorker(PROJECT, 'workers/index.js', {
    sdkVersion: '2.9.7',
    globals: { mpserverless: sim.root('mpserverless') },
  });
  assert.equal(vm.runInContext('typeof MYWebAssembly', worker.context), 'object');
  for (const name of ['WebAssembly', 'TextDecoder', 'TextEncoder', 'WXWebAssembly', 'TTWebAssembly']) {
    assert.equal(vm.runInContext(`typeof ${name}`, worker.context), 'undefined', name);
  }
  sim.script('mpserverless.user.getInfo', 'resolve', 'mpserverless/user.getInfo/success-nested-user.json');
  const reply = await ask(worker, { id: 1, root: 'mpserverless', version: '3.1.5', method: 'emasGetUserInfo' });
  assert.deepEqual(reply, { id: 1, value: '5f3c2a1b0e9d8c7b6a594837' });
  const calls = JSON.parse(sim.calls());
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].options, { authProvider: 'wechat_openapi' });
  assert.equal(calls[0].valid, true);
});

test('Alipay: MYWebAssembly exists only in workers, from base library 2.9.7', async () => {
  // The app's thread: the glue finds no WebAssembly object.
  const { registered, context } = runMiniProgram(PROJECT, { platform: 'alipay', roots: {}, sdkVersion: '2.9.7' });
  assert.equal(vm.runInContext('typeof MYWebAssembly', context), 'undefined');
  await assert.rejects(registered.app.platform, /no WebAssembly \(.*Alipay 2\.9\.7 in a worker\)/);
  const sim = createSimulator();
  const old = runWorker(PROJECT, 'workers/index.js', {
    sdkVersion: '2.9.6',
    globals: { mpserverless: sim.root('mpserverless') },
  });
  const reply = await ask(old, { id: 7, root: 'mpserverless', version: '3.1.5', method: 'emasGetUserInfo' });
  assert.match(reply.error, /no WebAssembly \(.*Alipay 2\.9\.7 in a worker\)/);
  assert.equal(sim.calls(), '[]');
});

test('a worker can only require files inside the workers directory', () => {
  const { runWorker: run } = require('./runtime.cjs');
  assert.throws(() => run(PROJECT, 'app.js', { sdkVersion: '2.9.7' }), /not in the workers' directory/);
});
