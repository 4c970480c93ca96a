import { WasmctlError } from '../../common/index.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * BuildKit's shell lexer for instruction arguments (ProcessWords): whitespace splits words, '…'
 * is literal, "…" and bare text expand `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}`, and
 * the escape character quotes the next one. Unset names expand to "" as in docker.
 */
export function shellWords(text: string, vars: ReadonlyMap<string, string>, escape: string, where: string): string[] {
  return lex(text, vars, escape, where, true);
}

/** One word (an ENV or LABEL value, a WORKDIR): quotes removed, variables expanded, spaces kept. */
export function shellWord(text: string, vars: ReadonlyMap<string, string>, escape: string, where: string): string {
  return lex(text, vars, escape, where, false).join('');
}

function lex(text: string, vars: ReadonlyMap<string, string>, escape: string, where: string, split: boolean): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (c === escape && i + 1 < text.length) {
      const next = text[i + 1] as string;
      // Inside "…" only the quote, the escape and $ are escaped, as in sh.
      word += quote === '"' && !['"', escape, '$'].includes(next) ? c + next : next;
      inWord = true;
      i++;
      continue;
    }
    if (c === '$') {
      const { value, end } = expandAt(text, i, vars, escape, where);
      word += value;
      inWord = true;
      i = end;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (split && /\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new WasmctlError('InvalidArgument', `${where}: unmatched ${quote} in ${text}`);
  if (inWord) words.push(word);
  return words;
}

function expandAt(text: string, at: number, vars: ReadonlyMap<string, string>, escape: string, where: string) {
  const simple = NAME.exec(text.slice(at + 1));
  if (simple) return { value: vars.get(simple[0]) ?? '', end: at + simple[0].length };
  if (text[at + 1] !== '{') return { value: '$', end: at };
  const close = text.indexOf('}', at + 2);
  if (close < 0) throw new WasmctlError('InvalidArgument', `${where}: missing '}' in ${text}`);
  const body = text.slice(at + 2, close);
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::([-+])(.*))?$/s.exec(body);
  if (!m) throw new WasmctlError('InvalidArgument', `${where}: bad substitution \${${body}}`);
  const value = vars.get(m[1] as string);
  const word = m[3] === undefined ? '' : shellWord(m[3], vars, escape, where);
  if (m[2] === '-') return { value: value ? value : word, end: close };
  if (m[2] === '+') return { value: value ? word : '', end: close };
  return { value: value ?? '', end: close };
}
