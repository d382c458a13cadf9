// node_wasi.mjs - moved to scripts/node_wasi.mjs (pogo check builds it in); this
// forwarder keeps commands that name the old path working.
import '../../scripts/node_wasi.mjs';
