'use strict'
// The WebAssembly backend on Node: compiles lib/wasm/agora_token.wasm (built by
// `npm run build:wasm`) synchronously and binds the native module's interface over it.
// lib/binding.js loads it when no native binary loads, or when AGORA_TOKEN_NATIVE_BACKEND=wasm.

const fs = require('fs')
const path = require('path')
const { bind, imports } = require('./core.js')

const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(__dirname, 'agora_token.wasm')))
let randomFill

function instantiate() {
    const instance = new WebAssembly.Instance(
        wasmModule,
        // crypto.randomFillSync: globalThis.crypto is not there by default on Node 18.
        imports(
            () => instance.exports.memory,
            b => (randomFill ||= require('crypto').randomFillSync)(b),
        ),
    )
    return instance
}

module.exports = bind(instantiate)
