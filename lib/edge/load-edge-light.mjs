// Vercel Edge (Next.js edge routes and middleware): `.wasm?module` imports give a
// WebAssembly.Module, compiled at build time (the runtime does not compile wasm from bytes).
import wasm from '../wasm/agora_token.wasm?module'
import { Buffer } from 'node:buffer'
import { load } from './api.mjs'

export default load(wasm, Buffer)
