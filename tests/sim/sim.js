// A stand-in for the mini-program platforms under Node: `wx` (WeChat), `tt`
// (Douyin), `ks` (Kuaishou), `qq` (QQ) and EMAS Serverless clients, built
// from the bundled schema files.
//
// Every method honours its platform's documented contract: callback-style
// methods call `success` or `fail` and then `complete`, asynchronously;
// `callback-or-promise` methods return a promise when given no callback;
// promise-style methods (EMAS) resolve, or reject with a payload or with an
// `Error` carrying `code` and `message`, as the SDK does. What each call does
// is scripted by the test (`script`), answered with the repository's
// fixtures. Every options object received is checked against the schema's
// `request` part by ajv, an independent JSON Schema validator: options that
// do not match make the method throw, so a wrong option name or type sent
// by Rust fails the test that sent it.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020');

const REPO = path.resolve(__dirname, '..', '..');
const CALLBACKS = ['success', 'fail', 'complete'];

/** Every schema file under `schemas/<platform>/`, compiled. */
function loadApis(schemasDir) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const apis = new Map();
  for (const platform of fs.readdirSync(schemasDir)) {
    const dir = path.join(schemasDir, platform);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      const fullName = `${schema['x-namespace']}.${schema['x-method']}`;
      // The request part, with the file's definitions for its `$ref`s.
      const request = { ...schema.request, $defs: schema.$defs || {} };
      apis.set(fullName, {
        fullName,
        namespace: schema['x-namespace'],
        method: schema['x-method'],
        style: schema['x-call-style'],
        validate: ajv.compile(request),
      });
    }
  }
  return apis;
}

/** The error class the EMAS SDK rejects with when nothing was authorized. */
class UnauthorizedError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UnauthorizedError';
    this.code = 'InvalidAuthorization';
  }
}

class Simulator {
  constructor({ schemasDir, fixturesDir }) {
    this.apis = loadApis(schemasDir);
    this.fixturesDir = fixturesDir;
    this.reset();
  }

  /** Forgets scripts, calls and changes; versions back to their defaults. */
  reset() {
    this.scripts = new Map();
    this.recorded = [];
    this.callbackFailures = [];
    this.getterCalls = 0;
    this.versions = { wx: '3.4.1', tt: '3.20.0', ks: '1.30.0', qq: '1.40.0', swan: '3.400.0', my: '2.9.7' };
    this.roots = {
      wx: this.platform('wx'),
      tt: this.platform('tt'),
      ks: this.platform('ks'),
      qq: this.platform('qq'),
      swan: this.platform('swan'),
      my: this.platform('my'),
      mpserverless: this.emasClient(),
    };
  }

  /** A platform object (`wx`, `tt`, `ks`, `qq`, `swan`, `my`) with its version getters and methods. */
  platform(name) {
    const sim = this;
    const root = {
      getSystemInfoSync() {
        sim.getterCalls += 1;
        return { SDKVersion: sim.versions[name], platform: 'devtools' };
      },
      getAppBaseInfo() {
        sim.getterCalls += 1;
        return { SDKVersion: sim.versions[name] };
      },
    };
    this.addMethods(name, root);
    return root;
  }

  /** A new EMAS Serverless client, as `new MPServerless(...)` gives one. */
  emasClient() {
    const client = { user: {} };
    this.addMethods('mpserverless', client);
    return client;
  }

  /** Adds to `root` every API whose namespace starts at `rootName`. */
  addMethods(rootName, root) {
    const sim = this;
    for (const api of this.apis.values()) {
      const parts = api.namespace.split('.');
      if (parts[0] !== rootName) continue;
      let target = root;
      for (const part of parts.slice(1)) {
        target[part] = target[part] || {};
        target = target[part];
      }
      const owner = target;
      target[api.method] = function (options) {
        return sim.receive(api, owner, this, options);
      };
    }
  }

  /** The object at `dotted` (`wx`, `wx.getUserInfo`, ...). */
  lookup(dotted) {
    const parts = dotted.split('.');
    let target = this.roots[parts[0]];
    for (const part of parts.slice(1, -1)) target = target && target[part];
    return { target, last: parts[parts.length - 1] };
  }

  /** Removes a method or a getter, as an older client lacks it. */
  remove(dotted) {
    const { target, last } = this.lookup(dotted);
    if (target) delete target[last];
  }

  setVersion(root, version) {
    this.versions[root] = version;
  }

  /** What the next call of `api` does: `kind`, with fixture `fixture`. */
  script(api, kind, fixture) {
    if (!this.scripts.has(api)) this.scripts.set(api, []);
    this.scripts.get(api).push({ kind, fixture });
  }

  fixture(relative) {
    return fs.readFileSync(path.join(this.fixturesDir, relative), 'utf8');
  }

  payload(step) {
    return step.fixture ? JSON.parse(this.fixture(step.fixture)) : undefined;
  }

  /** One call of `api` on `owner`, with `self` as `this`. */
  receive(api, owner, self, options) {
    const given = options === undefined ? {} : options;
    const data = {};
    const callbacks = {};
    for (const [key, value] of Object.entries(given)) {
      if (CALLBACKS.includes(key)) callbacks[key] = value;
      else data[key] = value;
    }
    const valid = api.validate(data);
    const errors = valid ? [] : api.validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
    const nonFunctions = Object.keys(callbacks).filter((k) => typeof callbacks[k] !== 'function');
    this.recorded.push({
      api: api.fullName,
      options: JSON.parse(JSON.stringify(data)),
      callbacks: Object.keys(callbacks).sort(),
      valid,
      errors,
      thisBound: self === owner,
    });
    if (!valid) {
      throw new TypeError(`mpkit-sim: the options of ${api.fullName} do not match its schema's request part: ${errors.join('; ')}`);
    }
    if (nonFunctions.length > 0) {
      throw new TypeError(`mpkit-sim: ${api.fullName} got callbacks that are not functions: ${nonFunctions.join(', ')}`);
    }
    if (self !== owner) {
      throw new TypeError(`mpkit-sim: ${api.fullName} was called without \`this\` bound to its namespace`);
    }
    const queue = this.scripts.get(api.fullName) || [];
    const step = queue.shift();
    if (!step) throw new Error(`mpkit-sim: nothing scripted for ${api.fullName}`);
    if (step.kind === 'throw') throw new Error(`${api.method}:fail the bridge threw`);
    if (api.style === 'promise') return this.settlePromise(step);
    const wantsPromise = api.style === 'callback-or-promise' && Object.keys(callbacks).length === 0;
    if (wantsPromise) return this.settlePromise(step);
    this.settleCallbacks(step, callbacks);
    return undefined;
  }

  /** Calls `callback(payload)`, recording anything it throws. */
  invoke(name, callback, payload) {
    if (typeof callback !== 'function') return;
    try {
      callback(payload);
    } catch (error) {
      this.callbackFailures.push(`${name}: ${error && error.message}`);
    }
  }

  settleCallbacks(step, callbacks) {
    const payload = this.payload(step);
    const run = () => {
      switch (step.kind) {
        case 'success':
          this.invoke('success', callbacks.success, payload);
          break;
        case 'fail':
          this.invoke('fail', callbacks.fail, payload);
          break;
        case 'both': {
          // A broken bridge: success, then fail with a failure payload.
          this.invoke('success', callbacks.success, payload);
          this.invoke('fail', callbacks.fail, { errMsg: 'broken:fail called twice' });
          break;
        }
        case 'silent':
          return;
        default:
          throw new Error(`mpkit-sim: unknown step ${step.kind}`);
      }
      this.invoke('complete', callbacks.complete, payload);
    };
    if (step.kind === 'sync') {
      step.kind = 'success';
      run();
    } else {
      setTimeout(run, 0);
    }
  }

  settlePromise(step) {
    const payload = this.payload(step);
    switch (step.kind) {
      case 'success':
      case 'resolve':
        return Promise.resolve(payload);
      case 'fail':
      case 'reject':
        return Promise.reject(payload);
      case 'reject-error':
        return Promise.reject(new UnauthorizedError('未进行用户授权,请先手动调用三方授权或匿名授权方法'));
      case 'reject-type-error':
        return Promise.reject(new TypeError('Failed to fetch'));
      case 'silent':
        return new Promise(() => {});
      default:
        throw new Error(`mpkit-sim: unknown step ${step.kind}`);
    }
  }

  /** The calls received, as JSON text. */
  calls() {
    return JSON.stringify(this.recorded);
  }

  /** What callbacks threw when the simulator called them, as JSON text. */
  callbackErrors() {
    return JSON.stringify(this.callbackFailures);
  }

  /** Root `name`: `wx`, `tt`, `ks`, `qq`, or the EMAS client (`mpserverless`). */
  root(name) {
    return this.roots[name];
  }

  versionReads() {
    return this.getterCalls;
  }
}

function createSimulator(options = {}) {
  return new Simulator({
    schemasDir: options.schemasDir || path.join(REPO, 'schemas'),
    fixturesDir: options.fixturesDir || path.join(REPO, 'tests', 'fixtures'),
  });
}

module.exports = { createSimulator, Simulator, UnauthorizedError };
