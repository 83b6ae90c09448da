// Helpers of the drift check (scripts/tsc-check.sh, scripts/drift.sh), on
// the TypeScript compiler this project pins.
//
//   node tools.mjs explain < tsc-output      each failing assertion: API, member, what, why
//   node tools.mjs members <project-dir>     the official types' members, as JSON
//   node tools.mjs compare <old> <new>       what changed per API between two member listings
//   node tools.mjs untyped <listing>         the official parts typed `any` (nothing to compare)

import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const PARTS = { OfficialOptions: "request", OfficialSuccess: "success", OfficialFailure: "fail" };
const MAX_DEPTH = 3;

/** The platforms of platforms.txt in `dir` that have official typings (not `-`). */
function platforms(dir) {
  return fs
    .readFileSync(path.join(dir, "platforms.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.split(/\s+/))
    .filter((fields) => fields[1] !== "-")
    .map((fields) => fields[0]);
}

/** tsc's errors in `text`, each with the lines that elaborate it. */
function errors(text) {
  const found = [];
  for (const line of text.split("\n")) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      found.push({ file: match[1], line: Number(match[2]), message: [match[5]] });
    } else if (found.length && /^\s+\S/.test(line)) {
      found[found.length - 1].message.push(line.trim());
    }
  }
  return found;
}

/** Each failing assertion: the API, the member and what it asserts, and tsc's reason. */
function explain(text) {
  const cache = new Map();
  let count = 0;
  for (const error of errors(text)) {
    if (!cache.has(error.file)) {
      cache.set(error.file, fs.existsSync(error.file) ? fs.readFileSync(error.file, "utf8").split("\n") : []);
    }
    const source = cache.get(error.file)[error.line - 1] ?? "";
    const generated = /generated\/(.+)\.ts$/.exec(error.file);
    const api = generated ? generated[1] : error.file;
    const label = source.startsWith("export type Drift") && source.includes("; // ")
      ? source.slice(source.indexOf("; // ") + 5)
      : `line ${error.line} (not an assertion): ${source.trim()}`;
    console.log(`FAIL ${api}: ${label}`);
    for (const line of error.message) console.log(`     ${line}`);
    count += 1;
  }
  return count;
}

/** The members of `type`, recursively, into `out` under `prefix`. */
function list(checker, type, prefix, depth, at, out) {
  if (type.flags & ts.TypeFlags.Any) {
    out[prefix] = ": any";
    return;
  }
  const properties = checker.getPropertiesOfType(checker.getNonNullableType(type));
  if (depth === 0 && properties.length === 0) {
    out[prefix] = `: ${checker.typeToString(type, at, ts.TypeFormatFlags.NoTruncation)}`;
    return;
  }
  for (const property of properties) {
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    const memberType = checker.getTypeOfSymbolAtLocation(property, at);
    const present = checker.getNonNullableType(memberType);
    const nested = checker.getPropertiesOfType(present);
    const object = present.flags & ts.TypeFlags.Object && present.getCallSignatures().length === 0;
    const key = `${prefix}.${property.name}`;
    if (object && nested.length && depth < MAX_DEPTH) {
      out[key] = `${optional ? "?" : ""}: {…}`;
      list(checker, present, key, depth + 1, at, out);
    } else {
      out[key] = `${optional ? "?" : ""}: ${checker.typeToString(optional ? present : memberType, at, ts.TypeFormatFlags.NoTruncation)}`;
    }
  }
}

/** `{ "<platform>/<api>": { "<part>.<member>": "?: <type>" } }` for the project in `dir`. */
function members(dir) {
  const listing = {};
  for (const platform of platforms(dir)) {
    const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, `tsconfig.${platform}.json`), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    });
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const checker = program.getTypeChecker();
    for (const file of program.getSourceFiles()) {
      const generated = /generated\/(.+)\.ts$/.exec(file.fileName.split(path.sep).join("/"));
      if (!generated) continue;
      const out = (listing[generated[1]] = {});
      for (const statement of file.statements) {
        if (ts.isTypeAliasDeclaration(statement) && PARTS[statement.name.text]) {
          const type = checker.getTypeAtLocation(statement.name);
          list(checker, type, PARTS[statement.name.text], 0, statement, out);
        }
      }
    }
  }
  return listing;
}

/** Prints what changed per API between two listings; returns how many changes. */
function compare(before, after) {
  let count = 0;
  const apis = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const api of apis) {
    const old = before[api] ?? {};
    const now = after[api] ?? {};
    const lines = [];
    for (const key of [...new Set([...Object.keys(old), ...Object.keys(now)])].sort()) {
      const kind = !key.includes(".") ? "part" : key.startsWith("request.") ? "option" : "field";
      if (!(key in old)) lines.push(`new ${kind} ${key}${now[key]}`);
      else if (!(key in now)) lines.push(`removed ${kind} ${key}${old[key]}`);
      else if (old[key] !== now[key]) {
        const [wasOptional, nowOptional] = [old[key].startsWith("?"), now[key].startsWith("?")];
        const [wasType, nowType] = [old[key].replace(/^\??: /, ""), now[key].replace(/^\??: /, "")];
        if (wasType !== nowType) lines.push(`changed type of ${kind} ${key}: ${wasType} → ${nowType}`);
        if (wasOptional !== nowOptional) lines.push(`${kind} ${key} became ${nowOptional ? "optional" : "required"}`);
      }
    }
    console.log(lines.length ? `${api}:` : `${api}: no change`);
    for (const line of lines) console.log(`  ${line}`);
    count += lines.length;
  }
  return count;
}

const [command, ...args] = process.argv.slice(2);
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
switch (command) {
  case "explain":
    explain(fs.readFileSync(0, "utf8"));
    break;
  case "members":
    console.log(JSON.stringify(members(args[0] ?? "."), null, 2));
    break;
  case "compare":
    compare(read(args[0]), read(args[1]));
    break;
  case "untyped":
    for (const [api, parts] of Object.entries(read(args[0]))) {
      for (const [part, type] of Object.entries(parts)) {
        if (type.replace(/^\??: /, "") === "any") {
          console.log(`note: ${api}: ${part} is \`any\` in the official typings: nothing in it is compared`);
        }
      }
    }
    break;
  default:
    console.error("usage: node tools.mjs explain|members <dir>|compare <old> <new>|untyped <listing>");
    process.exit(64);
}
