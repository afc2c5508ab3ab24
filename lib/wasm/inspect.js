'use strict'
// inspectTokenNative and verifyTokenNative of the WebAssembly backend: the one place of the shim
// that follows the native inspect interface (src/binding/inspect.rs). The module writes each
// result as named, typed fields (crates/agora-token-wasm/src/inspect.rs).

module.exports = ({ Rec, Out, readToken2, expectString }) => {
    const U32 = 0,
        F64 = 1,
        STR = 2,
        U32S = 3,
        STRS = 4,
        BOOL = 5,
        TOKEN2 = 6

    const hex = b => Array.from(b, x => x.toString(16).padStart(2, '0')).join('')

    const readObject = o => {
        const obj = {}
        for (let n = o.u32(); n > 0; n--) {
            const name = o.str()
            const ty = o.u32()
            if (ty === U32) obj[name] = o.u32()
            else if (ty === F64) obj[name] = o.f64()
            else if (ty === STR) obj[name] = o.str()
            else if (ty === U32S) obj[name] = o.u32s()
            else if (ty === STRS) {
                const list = []
                for (let k = o.u32(); k > 0; k--) list.push(o.str())
                obj[name] = list
            } else if (ty === BOOL) obj[name] = o.u32() === 1
            else if (ty === TOKEN2)
                obj[name] = readToken2(o, o => o.str(), hex) // NativeToken2: text strings, hex signature
            else obj[name] = readObject(o)
        }
        return obj
    }

    const optional = (r, v, write) => (v === undefined || v === null ? r.u32(0) : write(r.u32(1), v))

    return {
        // The native addon's fast path (src/binding/read.rs); here none: the JS layer then
        // takes the full path.
        readTokenNative() {
            return null
        },
        inspectTokenNative(token) {
            return readObject(new Out(new Rec().str(expectString(token)).run('inspect_token')))
        },
        verifyTokenNative(token, appCertificate, channelName, uid, account, service) {
            const r = new Rec().str(expectString(token))
            optional(r, appCertificate, (r, v) => r.str(expectString(v)))
            optional(r, channelName, (r, v) => r.str(expectString(v)))
            optional(r, uid, (r, v) => r.u32(v >>> 0))
            optional(r, account, (r, v) => r.str(expectString(v)))
            optional(r, service, (r, v) => r.u32(v >>> 0))
            const o = new Out(r.run('verify_token'))
            const inspection = readObject(o)
            const reasons = []
            for (let n = o.u32(); n > 0; n--) reasons.push(readObject(o))
            return { inspection, reasons }
        },
    }
}
