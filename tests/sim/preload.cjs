// Loaded with `node --require` before the wasm tests: makes Node look like a
// mini program's service layer, with `wx`, `tt`, `ks`, `qq`, `swan` and `my` as globals (the current
// simulator's, after every `reset`) and `mpkitSim`, the simulator the tests
// script and inspect. EMAS clients are not globals: apps create them.
'use strict';

const { createSimulator } = require('./sim.js');

const sim = createSimulator();
globalThis.mpkitSim = sim;
for (const name of ['wx', 'tt', 'ks', 'qq', 'swan', 'my']) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get: () => sim.roots[name],
  });
}
