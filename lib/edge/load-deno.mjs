// Deno and Supabase Edge Functions: a source phase import gives the WebAssembly.Module (no read
// permission needed, and `deno compile` / Supabase's bundler take the .wasm file along).
import source wasm from '../wasm/agora_token.wasm'
import { Buffer } from 'node:buffer'
import { load } from './api.mjs'

export default load(wasm, Buffer)
