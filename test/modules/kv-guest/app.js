// Reads book1's stock from the `state_demo` bucket, writes one less as book2, removes book3, reports.
import { open } from 'wasi:keyvalue/store@0.2.0-draft';

const text = (bytes) => (bytes === undefined ? 'none' : new TextDecoder().decode(bytes));

export const run = {
  run() {
    const books = open('state_demo');
    const stock = text(books.get('book1'));
    books.set('book2', new TextEncoder().encode(String(Number(stock === 'none' ? 0 : stock) - 1)));
    console.log(`book1 ${stock}, book2 ${text(books.get('book2'))}, book3 exists ${books.exists('book3')}`);
    books.delete('book3');
    console.log(`book3 exists ${books.exists('book3')}`);
  },
};
