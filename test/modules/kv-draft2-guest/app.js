// draft2's shapes: s64 counts, get-many answering every key with an option, a compare-and-swap.
import { open } from 'wasi:keyvalue/store@0.2.0-draft2';
import { increment, Cas } from 'wasi:keyvalue/atomics@0.2.0-draft2';
import { getMany, setMany } from 'wasi:keyvalue/batch@0.2.0-draft2';

const text = (value) => (value === undefined ? 'none' : new TextDecoder().decode(value));

export const run = {
  run() {
    const books = open('state_demo');
    setMany(books, [['d2-book1', new TextEncoder().encode('5')]]);
    const many = getMany(books, ['d2-book1', 'd2-book9']).map(([key, value]) => `${key}=${text(value)}`);
    let cas = 'ok';
    try {
      Cas.new(books, 'd2-book1');
    } catch (err) {
      cas = err.payload?.tag ?? String(err);
    }
    console.log(`count ${increment(books, 'd2-visits', 1n)}; ${many.join(' ')}; cas ${cas}`);
  },
};
