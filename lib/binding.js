'use strict'
// Loads the native addon through the generated loader (native.js); when no binary fits this
// machine (or AGORA_TOKEN_NATIVE_BACKEND=wasm), the WebAssembly build of the same core
// (lib/wasm), which offers the same interface. `backend` says which ('native' or 'wasm') and
// `backendNotice` why, in one line ('' for the native addon); nothing is printed. When neither
// loads, throws one error that names the platform, what was tried and how to fix it.

function platformLabel() {
    const { platform, arch } = process
    if (platform === 'linux') {
        let musl = false
        try {
            const report = process.report && process.report.getReport()
            musl = !(report && report.header && report.header.glibcVersionRuntime)
        } catch {
            musl = false
        }
        return { label: `linux-${arch}-${musl ? 'musl' : 'gnu'}`, install: `--os=linux --cpu=${arch} --libc=${musl ? 'musl' : 'glibc'}` }
    }
    if (platform === 'win32') return { label: `win32-${arch}-msvc`, install: `--os=win32 --cpu=${arch}` }
    return { label: `${platform}-${arch}`, install: `--os=${platform} --cpu=${arch}` }
}

function withBackend(binding, backend, notice) {
    Object.defineProperty(binding, 'backend', { value: backend })
    Object.defineProperty(binding, 'backendNotice', { value: notice })
    return binding
}

function load() {
    if (process.env.AGORA_TOKEN_NATIVE_BACKEND === 'wasm') {
        return withBackend(require('./wasm/binding.js'), 'wasm', 'agora-token-native: the WebAssembly build, as AGORA_TOKEN_NATIVE_BACKEND=wasm asks')
    }
    let cause
    try {
        return withBackend(require('../native.js'), 'native', '')
    } catch (e) {
        cause = e
    }
    const { label, install } = platformLabel()
    try {
        return withBackend(
            require('./wasm/binding.js'),
            'wasm',
            `agora-token-native: no native binary loads for ${label} (Node ${process.version}), so the slower WebAssembly build runs; ` +
                `for the native one: npm install ${install}`,
        )
    } catch (wasmCause) {
        const error = new Error(
            `agora-token-native: no native binary could be loaded for ${label} (Node ${process.version}).\n` +
                `Tried: the local file agora-token-native.${label}.node and the package agora-token-native-${label}; ` +
                'error.cause holds why each failed.\n' +
                'To fix:\n' +
                '  - reinstall without omitting optional dependencies (no --omit=optional, --no-optional or ' +
                '--ignore-optional): rm -rf node_modules && npm install;\n' +
                '  - if node_modules or the lockfile was made on another OS or CPU (a Mac building for Linux, a Docker ' +
                `image, AWS Lambda), install for the platform that runs the code: npm install ${install};\n` +
                '  - prebuilt binaries exist for linux x64/arm64 (glibc and musl), macOS x64/arm64 and Windows x64/arm64.',
        )
        error.code = 'ERR_AGORA_TOKEN_NATIVE_BINDING'
        error.cause = cause
        // Why the WebAssembly fallback did not load either (lib/wasm/agora_token.wasm missing?).
        error.wasmCause = wasmCause
        throw error
    }
}

module.exports = load()
