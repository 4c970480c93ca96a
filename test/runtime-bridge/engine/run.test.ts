// runModule end to end over the test modules: what a user of `wasmctl run` sees.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildModules, capture, modulePath, request, sandbox, type Sandbox } from '../../modules/harness.js';
import { resolveEntry, runModule } from '../../../runtime-bridge/index.js';
import { WasmctlError } from '../../../common/index.js';

let image: Sandbox;

before(async () => {
  await buildModules();
  image = await sandbox();
  image.write({
    'hello.wasm': fs.readFileSync(modulePath('hello')),
    'app/hello.wasm': fs.readFileSync(modulePath('hello')),
    'etc/greeting.txt': 'greetings from the image\n',
    'notwasm.wasm': '#!/bin/sh\necho hi\n',
    'broken.wasm': Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0xff]),
    'adir.wasm': { dir: true },
  });
});
after(() => image.cleanup());

const inImage = (argv: string[], over: Parameters<typeof request>[0] extends infer R ? Partial<R> : never = {}) =>
  request({ rootfs: image.dir, argv, ...over });

for (const engine of ['wasmctl', 'wasmer'] as const) {
  describe(`engine ${engine}`, () => {
    test('hello sees its args, only the env it was given, and the image files', async () => {
      process.env.WASMCTL_TEST_SECRET = 'host-secret';
      try {
        const r = await capture(inImage(['hello.wasm', 'one', 'two words'], { env: ['GREETING=hi'], engine }));
        assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
        assert.equal(
          r.stdout,
          'hello from wasm\narg[0]=hello.wasm\narg[1]=one\narg[2]=two words\nenv GREETING=hi\ncwd /\nfile greetings from the image\n',
        );
      } finally {
        delete process.env.WASMCTL_TEST_SECRET;
      }
    });

    test('the exit code and stderr pass through', async () => {
      const r = await capture(request({ argv: ['exit3.wasm'], modulePath: modulePath('exit3'), engine }));
      assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 3 });
      assert.equal(r.stderr, 'about to exit 3\n');
    });

    test('a trap is exit 134 with the trap and function named, after earlier output', async () => {
      const r = await capture(request({ argv: ['trap.wasm'], modulePath: modulePath('trap'), engine }));
      assert.deepEqual(r.outcome, { kind: 'trapped', exitCode: 134, message: 'wasm trap: unreachable in crash_here' });
      assert.equal(r.stdout, 'before trap\n');
    });

    test('a module with no WASI imports runs', async () => {
      const r = await capture(request({ argv: ['no-wasi.wasm'], modulePath: modulePath('no-wasi'), engine }));
      assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
    });

    test('a reactor is initialised, then the export asked for is called', async () => {
      const r = await capture(request({ argv: ['reactor.wasm'], modulePath: modulePath('reactor'), engine, invoke: 'add' }));
      if (engine === 'wasmer') {
        assert.deepEqual(r.outcome, {
          kind: 'failed',
          exitCode: 126,
          message: 'the wasmer engine cannot run a reactor (no _start); use --engine wasmctl',
          errorKind: 'Unimplemented',
        });
        return;
      }
      assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
      assert.equal(r.stdout, 'reactor initialised\n');
    });

    test('an import nobody provides fails at start, naming it', async () => {
      const r = await capture(request({ argv: ['unknown-import.wasm'], modulePath: modulePath('unknown-import'), engine }));
      assert.equal(r.outcome.kind, 'failed');
      assert.equal(r.outcome.exitCode, 126);
      assert.match(
        (r.outcome as { message: string }).message,
        /^module imports env\.foo, which (wasmctl|the wasmer engine) does not provide$/,
      );
      assert.equal(r.stdout, '');
    });

    test('stdin reaches the module', async () => {
      const r = await capture(request({ argv: ['echo.wasm'], modulePath: modulePath('echo'), engine }), { stdin: 'line one\nline two\n' });
      assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 0 });
      assert.equal(r.stdout, 'line one\nline two\n');
    });
  });
}

describe('limits and signals', () => {
  test('--timeout stops an infinite loop: exit 124 and a message', async () => {
    const started = Date.now();
    const r = await capture(request({ argv: ['loop.wasm'], modulePath: modulePath('loop'), limits: { timeoutMs: 1000 } }));
    assert.deepEqual(r.outcome, { kind: 'timeout', exitCode: 124, message: 'module exceeded --timeout 1s' });
    assert.equal(r.stdout, 'looping\n', 'output written before the timeout streams out');
    assert.ok(Date.now() - started < 3000);
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGKILL', 137],
  ] as const) {
    test(`kill(${signal}) stops the module with exit ${code}`, async () => {
      const r = await capture(request({ argv: ['loop.wasm'], modulePath: modulePath('loop') }), {
        during: (running) => setTimeout(() => running.kill(signal), 200),
      });
      assert.deepEqual(r.outcome, { kind: 'killed', exitCode: code, signal });
    });
  }

  test('--memory caps linear memory for real: malloc fails near the cap', async () => {
    const r = await capture(request({ argv: ['memhog.wasm'], modulePath: modulePath('memhog'), limits: { memoryBytes: 16 << 20 } }));
    assert.deepEqual(r.outcome, { kind: 'exited', exitCode: 1 });
    const mib = Number(/malloc failed after (\d+) MiB/.exec(r.stdout)?.[1]);
    assert.ok(mib >= 12 && mib < 16, `got ${r.stdout}`);
  });

  test('a module whose declared minimum exceeds --memory is refused at start', async () => {
    const r = await capture(request({ argv: ['big-memory.wasm'], modulePath: modulePath('big-memory'), limits: { memoryBytes: 1 << 20 } }));
    assert.deepEqual(r.outcome, {
      kind: 'failed',
      exitCode: 125,
      message: 'the module needs 6.25 MiB of linear memory at start, above the --memory cap of 1 MiB (raise --memory)',
      errorKind: 'ResourceExhausted',
    });
  });
});

describe('entry resolution', () => {
  test('relative to the working directory, inside the rootfs', () => {
    assert.equal(resolveEntry(image.dir, 'hello.wasm', '/app'), path.join(fs.realpathSync(image.dir), 'app/hello.wasm'));
    assert.equal(resolveEntry(image.dir, '../../../hello.wasm', '/app'), path.join(fs.realpathSync(image.dir), 'hello.wasm'));
  });

  const cases: Array<[string, string, number, RegExp]> = [
    ['missing entry', 'nothere.wasm', 127, /^entry nothere\.wasm not found in the image$/],
    ['entry that is not Wasm', 'notwasm.wasm', 126, /^entry notwasm\.wasm is not a Wasm module \(no \\0asm header\)$/],
    ['invalid Wasm', 'broken.wasm', 126, /^entry broken\.wasm is not a valid Wasm module: /],
    ['a folder', 'adir.wasm', 126, /^entry adir\.wasm is not a file$/],
  ];
  for (const [what, argv0, code, message] of cases) {
    test(`${what}: exit ${code}, one line, nothing run`, async () => {
      const r = await capture(inImage([argv0]));
      assert.equal(r.outcome.kind, 'failed');
      assert.equal(r.outcome.exitCode, code);
      assert.match((r.outcome as { message: string }).message, message);
      assert.equal(r.stdout + r.stderr, '');
    });
  }

  test('the host is never searched: an absolute host path is looked up in the image', () => {
    assert.throws(
      () => resolveEntry(image.dir, modulePath('hello'), '/'),
      (err: unknown) =>
        err instanceof WasmctlError && err.exitCode === 127 && err.message === `entry ${modulePath('hello')} not found in the image`,
    );
  });

  test('a malformed request is refused up front', () => {
    assert.throws(
      () => runModule(request({ argv: [], modulePath: modulePath('hello') })),
      (err: unknown) => err instanceof WasmctlError && /^invalid run request: argv: needs at least the entry$/.test(err.message),
    );
  });
});
