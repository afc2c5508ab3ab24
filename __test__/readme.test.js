'use strict'
// Every ```js example in the README runs as written (with the package resolved to this checkout).
const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.join(__dirname, '..')
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map(m => m[1])

test('the README has runnable examples', () => {
    assert.ok(blocks.length >= 2)
})

blocks.forEach((code, i) => {
    test(`README example ${i + 1} runs`, () => {
        const src = code.replace(
            /require\('agora-token-native(\/[a-z]+)?'\)/g,
            (_, sub) => `require(${JSON.stringify(path.join(root, sub ? sub.slice(1) : 'index.js'))})`,
        )
        const r = spawnSync(process.execPath, ['-e', src], { encoding: 'utf8', cwd: root })
        assert.equal(r.status, 0, r.stderr)
        assert.doesNotMatch(r.stdout, /\bfalse\b/, r.stdout)
    })
})

// Every ```js and ```ts block of the README compiles with tsc --strict (the JS ones with
// checkJs), against the package's own typings: what a TypeScript user copies type-checks.
test('every README code block type-checks under strict', () => {
    const all = [...readme.matchAll(/```(js|ts)\n([\s\S]*?)```/g)]
    assert.ok(
        all.some(m => m[1] === 'ts'),
        'the README has a TypeScript example',
    )
    // Inside the package, so that 'agora-token-native' resolves to this checkout (self-reference).
    const dir = fs.mkdtempSync(path.join(__dirname, '.readme-check-'))
    try {
        all.forEach(([, lang, code], i) => fs.writeFileSync(path.join(dir, `block${i + 1}.${lang}`), `${code}\nexport {}\n`))
        // express ships no typings, and @types/express is not a dependency.
        fs.writeFileSync(path.join(dir, 'shims.d.ts'), "declare module 'express'\n")
        const compilerOptions = {
            strict: true,
            noEmit: true,
            allowJs: true,
            checkJs: true,
            module: 'node16',
            moduleResolution: 'node16',
            target: 'es2022',
            types: ['node'],
        }
        fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.js', '*.ts'] }))
        const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' })
        assert.equal(r.status, 0, r.stdout + r.stderr)
    } finally {
        fs.rmSync(dir, { recursive: true, force: true })
    }
})

// The CLI transcripts (```sh blocks of `$ ` commands and their output) print what they show:
// `export`, `npx agora-token-native …` (with `; echo $?`) and `echo $?` lines are run.
test('the README CLI transcripts print what they show', () => {
    const bin = path.join(root, 'bin', 'agora-token-native.js')
    const transcripts = [...readme.matchAll(/```sh\n(\$ [\s\S]*?)```/g)].map(m => m[1]).filter(t => t.includes('$ npx agora-token-native'))
    assert.ok(transcripts.length >= 1)
    for (const t of transcripts) {
        const env = { ...process.env, AGORA_APP_ID: '', AGORA_APP_CERTIFICATE: '' }
        let status = 0
        let n = 0
        for (const [, cmd, shown] of t.matchAll(/^\$ (.*)\n((?:(?!\$ ).*\n)*)/gm)) {
            const expand = w => w.replace(/^["']|["']$/g, '').replace(/\$(\w+)/g, (_, k) => env[k])
            const words = cmd
                .replace(/; echo \$\?$/, '')
                .split(' ')
                .map(expand)
            let out = ''
            if (words[0] === 'export') {
                for (const w of words.slice(1)) env[w.split('=')[0]] = w.slice(w.indexOf('=') + 1)
            } else if (words[0] === 'echo' && words[1] === '$?') {
                out = `${status}\n`
            } else {
                assert.deepEqual(words.slice(0, 2), ['npx', 'agora-token-native'], cmd)
                const r = spawnSync(process.execPath, [bin, ...words.slice(2)], { encoding: 'utf8', env })
                status = r.status
                out = r.stdout + r.stderr + (cmd.endsWith('; echo $?') ? `${status}\n` : '')
                n++
            }
            assert.equal(out, shown, cmd)
        }
        assert.ok(n >= 2, t)
    }
})
