#!/usr/bin/env node
// Per-call overhead of the bridge under Node: `wx.getUserInfo` called from
// Rust through WasmHost (options written in Rust and parsed by JSON.parse,
// the callback's reply stringified and decoded into the typed success), on
// the 1.2 KB WeChat payload (tests/fixtures/wechat/getUserInfo/
// success-with-credentials.json), against baselines measured in the same
// run on the same text: `JSON.parse` alone, and `JSON.parse(JSON.stringify)`
// of the reply object (what copying the reply costs JavaScript itself).
//
// The platform object calls `success` at once, so what is measured is the
// bridge's own work, not a platform's latency. Rounds alternate between the
// workloads; the result is the median per call over the rounds.
//
// Usage: node calls.cjs <dir with mpkit.js and mpkit.wasm> [--json]
'use strict';

const fs = require('fs');
const path = require('path');

const ROUNDS = 21;
const CALLS = 2000;
const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'tests', 'fixtures', 'wechat', 'getUserInfo', 'success-with-credentials.json');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(dir, json) {
  const mpkit = require(path.resolve(dir, 'mpkit.js'));
  await mpkit.load(fs.readFileSync(path.resolve(dir, 'mpkit.wasm')));
  const text = fs.readFileSync(FIXTURE, 'utf8');
  const reply = JSON.parse(text);
  const wx = {
    getUserInfo(options) {
      options.success(reply);
      options.complete(reply);
    },
  };
  const platform = new mpkit.Platform('wx', wx, '3.4.1');
  let sink;

  const workloads = {
    async bridge() {
      for (let i = 0; i < CALLS; i++) sink = await platform.wxGetUserInfo('zh_CN');
    },
    async parse() {
      for (let i = 0; i < CALLS; i++) sink = JSON.parse(text);
    },
    async copy() {
      for (let i = 0; i < CALLS; i++) sink = JSON.parse(JSON.stringify(reply));
    },
  };
  if ((await platform.wxGetUserInfo('zh_CN')) !== reply.userInfo.nickName) {
    throw new Error('the bridge did not return the nickname');
  }
  const times = Object.fromEntries(Object.keys(workloads).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS + 2; round++) {
    for (const [name, run] of Object.entries(workloads)) {
      const start = process.hrtime.bigint();
      await run();
      const perCall = Number(process.hrtime.bigint() - start) / CALLS / 1000;
      if (round >= 2) times[name].push(perCall); // two warm-up rounds
    }
  }
  void sink;
  const result = {
    payloadBytes: Buffer.byteLength(text),
    rounds: ROUNDS,
    callsPerRound: CALLS,
    microseconds: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
  };
  result.ratios = {
    bridgeOverParse: result.microseconds.bridge / result.microseconds.parse,
    bridgeOverCopy: result.microseconds.bridge / result.microseconds.copy,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const us = result.microseconds;
    console.log(`payload ${result.payloadBytes} B, median of ${ROUNDS} rounds of ${CALLS} calls`);
    console.log(`  bridge (options out, call, reply in, decoded): ${us.bridge.toFixed(2)} µs`);
    console.log(`  JSON.parse of the reply text:                  ${us.parse.toFixed(2)} µs`);
    console.log(`  JSON.parse(JSON.stringify(reply)):             ${us.copy.toFixed(2)} µs`);
    console.log(`  bridge / JSON.parse: ${result.ratios.bridgeOverParse.toFixed(2)}x`);
    console.log(`  bridge / stringify+parse: ${result.ratios.bridgeOverCopy.toFixed(2)}x`);
  }
}

const [dir, flag] = process.argv.slice(2);
main(dir, flag === '--json').catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
