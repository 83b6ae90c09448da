// The example mini program (`examples/miniprogram/`) loaded in the Node
// stand-in for WeChat's runtime (`runtime.cjs`): its loader glue must find
// WXWebAssembly, load the `.wasm.br` by path, work without TextDecoder and
// TextEncoder, and its page must get the user's nickname through Rust, from
// options the simulator validated against the schema.
//
// Run by scripts/test-wasm.sh after it has built `examples/miniprogram/wasm/`:
//   node --test tests/sim/miniprogram.test.cjs
'use strict';

const assert = require('assert/strict');
const path = require('path');
const test = require('node:test');

const { createSimulator } = require('./sim.js');
const { runMiniProgram, instantiatePage } = require('./runtime.cjs');

const PROJECT = process.env.MPKIT_MINIPROGRAM || path.resolve(__dirname, '..', '..', 'examples', 'miniprogram');

function start(sdkVersion) {
  const sim = createSimulator();
  sim.setVersion('wx', sdkVersion);
  const { registered, context } = runMiniProgram(PROJECT, { wx: sim.root('wx'), sdkVersion });
  return { sim, registered, context };
}

test('the runtime stand-in lacks what mini programs lack', () => {
  const { context } = start('3.4.1');
  const vm = require('vm');
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
  await assert.rejects(registered.app.wx, /\.wasm\.br needs base library 2\.14\.0/);
});
