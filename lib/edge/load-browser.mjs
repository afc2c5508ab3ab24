// Browsers and web workers: the .wasm file fetched next to this module (bundlers copy an asset
// named by `new URL(..., import.meta.url)`) and compiled once, at import (top-level await).
// The AccessToken2 and AccessToken object models use a global Buffer when there is one (a
// polyfill such as the `buffer` package); the builders, inspectToken and verifyToken need none.
import { load } from './api.mjs'

const response = await fetch(new URL('../wasm/agora_token.wasm', import.meta.url))
// compileStreaming needs the application/wasm content type; some servers send another.
const wasm = await WebAssembly.compileStreaming(response.clone()).catch(async () => WebAssembly.compile(await response.arrayBuffer()))
export default load(wasm, globalThis.Buffer)
