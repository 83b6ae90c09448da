#!/usr/bin/env node
// Size of a release wasm: raw, gzip (level 9) and brotli (quality 11) of the
// final module, and the largest contributors by crate and by function, read
// from the code section and the `name` section of rustc's output (before
// wasm-bindgen and wasm-opt, whose renaming loses the symbols). With LTO,
// inlined code counts for the function it was inlined into.
//
// Usage: node size.cjs <rustc output.wasm> <final.wasm> [--json]
'use strict';

const fs = require('fs');
const zlib = require('zlib');

/** The sections of a module: id, name (custom sections), bytes. */
function sections(bytes) {
  let at = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const out = [];
  while (at < bytes.length) {
    const id = bytes[at++];
    const length = leb();
    const start = at;
    let name = '';
    if (id === 0) {
      const n = leb();
      name = bytes.slice(at, at + n).toString('utf8');
      at += n;
    }
    out.push({ id, name, start, body: at, end: start + length, reader: null });
    at = start + length;
  }
  return { list: out, reader: (from) => ({ at: from, leb() {
    let result = 0; let shift = 0; let byte;
    do { byte = bytes[this.at++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return result;
  } }) };
}

/** Function bodies by function index, with their names. */
function functions(bytes) {
  const { list, reader } = sections(bytes);
  let imported = 0;
  const importSection = list.find((s) => s.id === 2);
  if (importSection) {
    const r = reader(importSection.body);
    const count = r.leb();
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < 2; k++) r.at += r.leb();
      const kind = bytes[r.at++];
      if (kind === 0) { r.leb(); imported++; }
      else if (kind === 1) { r.at++; const f = r.leb(); r.leb(); if (f & 1) r.leb(); }
      else if (kind === 2) { const f = r.leb(); r.leb(); if (f & 1) r.leb(); }
      else if (kind === 3) { r.at += 2; }
      else if (kind === 4) { r.at++; r.leb(); }
    }
  }
  const names = new Map();
  const nameSection = list.find((s) => s.id === 0 && s.name === 'name');
  if (nameSection) {
    const r = reader(nameSection.body);
    while (r.at < nameSection.end) {
      const kind = bytes[r.at++];
      const size = r.leb();
      const end = r.at + size;
      if (kind === 1) {
        const count = r.leb();
        for (let i = 0; i < count; i++) {
          const index = r.leb();
          const n = r.leb();
          names.set(index, bytes.slice(r.at, r.at + n).toString('utf8'));
          r.at += n;
        }
      }
      r.at = end;
    }
  }
  const code = list.find((s) => s.id === 10);
  const bodies = [];
  if (code) {
    const r = reader(code.body);
    const count = r.leb();
    for (let i = 0; i < count; i++) {
      const size = r.leb();
      const index = imported + i;
      bodies.push({ name: names.get(index) || `func${index}`, size });
      r.at += size;
    }
  }
  const data = list.filter((s) => s.id === 11).reduce((sum, s) => sum + (s.end - s.start), 0);
  return { bodies, data };
}

/** The crate a symbol (Rust legacy `_ZN` or v0 `_R` mangling) belongs to. */
function crateOf(name) {
  const legacy = name.match(/^_ZN(\d+)/);
  if (legacy) {
    const first = name.slice(3 + legacy[1].length, 3 + legacy[1].length + Number(legacy[1]));
    if (!first.startsWith('_$LT$')) return first;
    // `<T as Trait>::method`: the first path inside the angle brackets.
    const inner = first.slice(5).replace(/\$[A-Z0-9]+\$/g, ' ').match(/([A-Za-z_]\w*)\.\./);
    return inner ? inner[1] : '(impls)';
  }
  const v0 = name.match(/^_R.*?C(?:s[0-9A-Za-z]*_)?(\d+)/);
  if (v0) {
    const at = name.indexOf(v0[1], v0.index + v0[0].length - v0[1].length) + v0[1].length;
    return name.slice(at, at + Number(v0[1]));
  }
  return '(unmangled: allocator, glue)';
}

function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
    }).length,
  };
}

function report(namedPath, finalPath) {
  const named = fs.readFileSync(namedPath);
  const { bodies, data } = functions(named);
  const crates = new Map();
  for (const body of bodies) crates.set(crateOf(body.name), (crates.get(crateOf(body.name)) || 0) + body.size);
  const total = bodies.reduce((sum, b) => sum + b.size, 0);
  return {
    final: compressed(fs.readFileSync(finalPath)),
    code: total,
    data,
    crates: [...crates.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12),
    functions: bodies.sort((a, b) => b.size - a.size).slice(0, 12),
  };
}

if (require.main === module) {
  const [namedPath, finalPath, flag] = process.argv.slice(2);
  const result = report(namedPath, finalPath);
  if (flag === '--json') {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const { raw, gzip, brotli } = result.final;
    console.log(`final module: ${raw} B raw, ${gzip} B gzip, ${brotli} B brotli`);
    console.log(`rustc's output: code ${result.code} B, data ${result.data} B`);
    console.log('largest crates (code bytes in rustc\'s output):');
    for (const [crate, size] of result.crates) console.log(`  ${crate.padEnd(28)} ${String(size).padStart(8)}  ${(100 * size / result.code).toFixed(1)} %`);
    console.log('largest functions:');
    for (const { name, size } of result.functions) console.log(`  ${String(size).padStart(8)}  ${name.slice(0, 110)}`);
  }
}

module.exports = { report, compressed };
