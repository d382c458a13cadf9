// node_wasi.mjs - the reference runner for WASI preview1 guests: runs a module under
// node's built-in WASI with the same options pogo run takes, so that test harnesses
// can call both the same way. `pogo check` runs this file (built into pogo) as its
// node-wasi reference.
//
//   node node_wasi.mjs [--dir HOST[::GUEST]]... [--env K=V]... [--inherit-env]
//                      app.wasm [args...]
//
// The guest's argv[0] is the wasm path as given (pogo run does the same). A GUEST
// name defaults to HOST. The exit status is the guest's proc_exit code (0 when
// _start returns). A trap (a WebAssembly.RuntimeError, or V8's stack overflow) ends
// the process with status 1 after one line on stderr, in the shape of pogo's report:
//   RuntimeError: divide by zero in function 'divide' (#3)
// (V8's message, then the wasm function at the top of the stack when there is one).
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
// "in function 'name' (#index)" of the innermost wasm frame of a V8 stack trace
function wasmFrame(stack) {
  for (const line of String(stack).split('\n')) {
    const m = line.match(/^\s*at (?:(.*) \()?wasm:\/\/wasm\/[^:]*:wasm-function\[(\d+)\]/);
    if (m) return ` in function '${m[1] === undefined ? `func[${m[2]}]` : m[1]}' (#${m[2]})`;
  }
  return '';
}

let code;
try {
  if (WebAssembly.Module.exports(mod).some((e) => e.name === '_start')) {
    code = wasi.start(inst);
  } else {
    wasi.initialize(inst);
    code = 0;
  }
} catch (e) {
  const overflow = e instanceof RangeError && /call stack/.test(e.message);
  if (!(e instanceof WebAssembly.RuntimeError) && !overflow) throw e;
  process.stderr.write(`${e.name}: ${e.message}${wasmFrame(e.stack)}\n`);
  code = 1;
}
process.exitCode = code;
