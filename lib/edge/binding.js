'use strict'
// The binding of the edge entries (lib/edge/*.mjs): the WebAssembly backend (lib/wasm/core.js)
// over a WebAssembly.Module that the runtime's loader (lib/edge/load-*.mjs) provides, in place
// of lib/binding.js (which loads the native addon or reads the .wasm file from disk on Node).
// Salts come from crypto.getRandomValues and the time from Date.now() (core.js's imports).

const { bind, imports } = require('../wasm/core.js')

module.exports = wasmModule => {
    const instantiate = () => {
        const instance = new WebAssembly.Instance(
            wasmModule,
            imports(() => instance.exports.memory),
        )
        return instance
    }
    const binding = bind(instantiate)
    Object.defineProperty(binding, 'backend', { value: 'wasm' })
    Object.defineProperty(binding, 'backendNotice', { value: 'agora-token-native: the WebAssembly build, the entry for edge runtimes and browsers' })
    return binding
}
