// node.mjs - the same round trips as host.c, with node and the Go toolchain's
// wasm_exec.js: JavaScript calls goAdd, which calls the JS function hostMul once.
// Prints the median nanoseconds per round trip over the batches.
//   node --stack-size=8192 node.mjs GOROOT guest.wasm [batches] [per]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [goroot, wasm, batchesArg, perArg] = process.argv.slice(2);
globalThis.require = require;
globalThis.fs = require('fs');
globalThis.path = require('path');
globalThis.TextEncoder = require('util').TextEncoder;
globalThis.TextDecoder = require('util').TextDecoder;
globalThis.performance ??= require('perf_hooks').performance;
globalThis.crypto ??= require('crypto');
require(goroot + '/lib/wasm/wasm_exec.js');
const go = new Go();
globalThis.hostMul = (a, b) => a * b;
const { instance } = await WebAssembly.instantiate(readFileSync(wasm), go.importObject);
go.run(instance);
await new Promise((r) => setTimeout(r, 20));
const batches = Number(batchesArg || 15), per = Number(perArg || 20000);
const ns = [];
for (let b = 0; b < batches; b++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < per; i++) if (globalThis.goAdd(3, 4) !== 19) throw new Error('wrong result');
  ns.push(Number(process.hrtime.bigint() - t0) / per);
}
ns.sort((a, b) => a - b);
console.log(Math.round(ns[Math.floor(batches / 2)]));
process.exit(0);
