// Counts an order, restocks two books in one batch, reads its greeting from configuration and
// publishes the order: Layotto's runtime API through wasi:keyvalue, wasi:config and wasi:messaging.
import { open } from 'wasi:keyvalue/store@0.2.0-draft';
import { increment } from 'wasi:keyvalue/atomics@0.2.0-draft';
import { getMany, setMany, deleteMany } from 'wasi:keyvalue/batch@0.2.0-draft';
import { get, getAll } from 'wasi:config/store@0.2.0-draft';
import { Client, Message } from 'wasi:messaging/types@0.2.0-draft';
import { send } from 'wasi:messaging/producer@0.2.0-draft';

const bytes = (text) => new TextEncoder().encode(text);
const text = (value) => (value === undefined ? 'none' : new TextDecoder().decode(value));

export const run = {
  run() {
    const books = open('state_demo');
    const order = increment(books, 'orders', 1n);
    const counts = [order, increment(books, 'orders', 2n), increment(books, 'orders', 1n)];
    setMany(books, [
      ['book1', bytes('7')],
      ['book2', bytes('8')],
    ]);
    const many = getMany(books, ['book1', 'book2', 'book9']).map((pair) => (pair === undefined ? 'none' : `${pair[0]}=${text(pair[1])}`));
    deleteMany(books, ['book2', 'book3']);
    console.log(`orders ${counts.join(' ')}; ${many.join(' ')}; book2 ${text(books.get('book2'))}`);
    console.log(`greeting ${get('greeting') ?? 'none'}, missing ${get('missing') ?? 'none'}`);
    console.log(
      `all ${getAll()
        .map(([key, value]) => `${key}=${value}`)
        .sort()
        .join(', ')}`,
    );
    let refused = 'no';
    try {
      increment(books, 'orders', 0n);
    } catch (err) {
      refused = err.payload?.tag ?? String(err);
    }
    console.log(`increment by 0 refused: ${refused}`);
    send(Client.connect('pub_subs_demo'), 'orders', new Message(bytes(`order ${order}`)));
  },
};
