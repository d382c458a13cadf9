// node_wasi.mjs - the reference runner for WASI preview1 guests: runs a module under
// node's built-in WASI with the same options pogo run takes, so that test harnesses
// can call both the same way.
//
//   node node_wasi.mjs [--dir HOST[::GUEST]]... [--env K=V]... [--inherit-env]
//                      app.wasm [args...]
//
// The guest's argv[0] is the wasm path as given (pogo run does the same). A GUEST
// name defaults to HOST. The exit status is the guest's proc_exit code (0 when
// _start returns); a trap ends the process with node's uncaught-error status 1.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import process from 'node:process';
import { setFlagsFromString } from 'node:v8';

// node's WASI functions are V8 "fast API calls" that may allocate and so trigger a
// GC inside the fast call, which V8 does not allow: once a guest has grown its
// memory by a few hundred MB, node dies with SIGSEGV (nodejs/node#46777, #51303).
// Without fast calls the imports go through the ordinary, GC-safe path. The flag
// must be set before the module is compiled.
setFlagsFromString('--no-turbo-fast-api-calls');

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
let i = 0;
for (; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--dir') {
    const v = argv[++i];
    const k = v.indexOf('::');
    const host = k < 0 ? v : v.slice(0, k);
    const guest = k < 0 ? v : v.slice(k + 2);
    preopens[guest] = host;
  } else if (a === '--env') {
    const v = argv[++i];
    const k = v.indexOf('=');
    env[v.slice(0, k)] = v.slice(k + 1);
  } else if (a === '--inherit-env') {
    Object.assign(env, process.env);
  } else if (a === '--') {
    i++;
    break;
  } else {
    break;
  }
}
if (i >= argv.length) {
  process.stderr.write('usage: node_wasi.mjs [--dir H[::G]] [--env K=V] [--inherit-env] app.wasm [args]\n');
  process.exit(2);
}
const file = argv[i];
const wasi = new WASI({ version: 'preview1', args: argv.slice(i), env, preopens, returnOnExit: true });
const mod = await WebAssembly.compile(readFileSync(file));
const inst = await WebAssembly.instantiate(mod, wasi.getImportObject());
let code;
if (WebAssembly.Module.exports(mod).some((e) => e.name === '_start')) {
  code = wasi.start(inst);
} else {
  wasi.initialize(inst);
  code = 0;
}
process.exitCode = code;
