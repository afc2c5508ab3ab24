// Cloudflare Workers (and wrangler): the .wasm file imported as a module is a WebAssembly.Module,
// compiled when the Worker is deployed (Workers do not compile wasm from bytes at run time).
// Buffer comes from node:buffer (the nodejs_compat flag, which agora-token needs too).
import wasm from '../wasm/agora_token.wasm'
import { Buffer } from 'node:buffer'
import { load } from './api.mjs'

export default load(wasm, Buffer)
