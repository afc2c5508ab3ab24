// What lib/binding.js says about the backend it loaded (the main entry re-exports both).

/**
 * Which build runs: `'native'` (the addon) or `'wasm'` (the WebAssembly build, used when no
 * native binary loads or `AGORA_TOKEN_NATIVE_BACKEND=wasm`).
 */
export declare const backend: 'native' | 'wasm'

/** Why that build runs, in one line; `''` for the native addon. Nothing is printed. */
export declare const backendNotice: string
