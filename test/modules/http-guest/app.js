// Answers `hello <name>` from the query, echoes the method, a header and the body it was sent;
// /stock answers the seed's book stock from the `state_demo` bucket; /trap traps, /spin and /grow
// (its memory, for ever) never answer (the gateway's timeout), /teapot sets its own status.
import { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.12';
import { open } from 'wasi:keyvalue/store@0.2.0-draft';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function readBody(request) {
  const stream = request.consume().stream();
  const chunks = [];
  for (;;) {
    try {
      chunks.push(decoder.decode(stream.blockingRead(65536n)));
    } catch (err) {
      if (err.payload?.tag === 'closed') break;
      throw err;
    }
  }
  return chunks.join('');
}

export const incomingHandler = {
  handle(request, responseOut) {
    const url = new URL(request.pathWithQuery(), 'http://guest');
    if (url.pathname.endsWith('/trap')) throw new Error('asked to trap');
    if (url.pathname.endsWith('/spin')) for (;;);
    if (url.pathname.endsWith('/grow')) for (const held = []; ;) held.push(new Uint8Array(1 << 20).fill(1));
    const name = url.searchParams.get('name') ?? 'nobody';
    if (url.pathname.endsWith('/stock')) {
      const stock = open('state_demo').get(name);
      return answer(responseOut, 200, `There are ${stock === undefined ? 0 : decoder.decode(stock)} inventories for ${name}.`);
    }
    const agent = request
      .headers()
      .get('x-agent')
      .map((v) => decoder.decode(v))
      .join(',');
    const text = `hello ${name} (${request.method().tag} ${url.pathname}, agent ${agent || 'none'}, body ${readBody(request) || 'none'})\n`;
    answer(responseOut, url.pathname.endsWith('/teapot') ? 418 : 200, text);
  },
};

function answer(responseOut, status, text) {
  const response = new OutgoingResponse(
    Fields.fromList([
      ['content-type', encoder.encode('text/plain')],
      ['x-guest', encoder.encode('js')],
    ]),
  );
  response.setStatusCode(status);
  const body = response.body();
  const out = body.write();
  out.blockingWriteAndFlush(encoder.encode(text));
  out[Symbol.dispose]();
  OutgoingBody.finish(body, undefined);
  ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
}
