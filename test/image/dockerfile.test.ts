/** The Dockerfile front end: dockerfile-ast's structure, our exec-form reading and BuildKit's word lexer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../../image/build/dockerfile.js';
import { shellWord, shellWords } from '../../image/build/expand.js';

const vars = new Map([
  ['NAME', 'hello'],
  ['EMPTY', ''],
]);

test('words: quotes, escapes, $NAME, ${NAME}, ${NAME:-word}, ${NAME:+word}, unset names', () => {
  assert.deepEqual(shellWords(`a "b c" 'd $NAME' e\\ f $NAME.wasm \${NAME}x`, vars, '\\', 'Dockerfile:1'), [
    'a',
    'b c',
    'd $NAME',
    'e f',
    'hello.wasm',
    'hellox',
  ]);
  assert.deepEqual(shellWords('${EMPTY:-dflt} ${NAME:-dflt} ${NAME:+alt} ${EMPTY:+alt}x $UNSET. \\$NAME', vars, '\\', 'Dockerfile:1'), [
    'dflt',
    'hello',
    'alt',
    'x',
    '.',
    '$NAME',
  ]);
  assert.equal(shellWord('"two words" and $NAME', vars, '\\', 'Dockerfile:1'), 'two words and hello');
  assert.throws(() => shellWords('"open', vars, '\\', 'Dockerfile:4'), /^WasmctlError: Dockerfile:4: unmatched "/);
  assert.throws(() => shellWords('${NAME', vars, '\\', 'Dockerfile:4'), /Dockerfile:4: missing '}'/);
});

test('directives, continuations, comments and the exec form (spaces kept)', () => {
  const file = parseDockerfile(
    '# syntax=docker/dockerfile:1\n# escape=`\nFROM scratch AS Build\n# a comment\nCOPY --chmod=755 `\n   "a b" /x/\nCMD ["a  b", "c\\"d"]\nENV K v w\n',
    'Containerfile',
  );
  assert.equal(file.escape, '`');
  const [stage] = file.stages;
  assert.equal(stage?.name, 'build');
  const [copy, cmd, env] = stage?.steps ?? [];
  assert.equal(copy?.where, 'Containerfile:5');
  assert.equal(copy?.flags.get('chmod'), '755');
  assert.deepEqual(shellWords(copy?.args ?? '', vars, file.escape, 'x'), ['a b', '/x/']);
  assert.deepEqual(cmd?.json, ['a  b', 'c"d']);
  assert.deepEqual(env?.properties, [['K', 'v w']]);
});

test('refused: RUN (even on a continued line), SHELL, instructions before FROM, no FROM', () => {
  assert.throws(
    () => parseDockerfile('FROM scratch\nENV A=1 \\\n  B=2\nRUN make\n', 'Dockerfile'),
    /^WasmctlError: Dockerfile:4: RUN is not supported/,
  );
  assert.throws(() => parseDockerfile('FROM scratch\nSHELL ["/bin/sh"]\n', 'Dockerfile'), /Dockerfile:2: SHELL is not supported/);
  assert.throws(() => parseDockerfile('COPY a b\nFROM scratch\n', 'Dockerfile'), /Dockerfile:1: COPY before the first FROM/);
  assert.throws(() => parseDockerfile('# nothing\n', 'Dockerfile'), /Dockerfile: no FROM instruction/);
});
