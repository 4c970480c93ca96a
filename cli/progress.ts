import type { ProgressEvent, PushEvent } from '../image/index.js';
import { formatBytes } from './output.js';

/** docker's pull display: one line per layer, redrawn in place on a terminal. */
export function layerProgress(stream: NodeJS.WriteStream): (event: ProgressEvent | PushEvent) => void {
  const lines = new Map<string, string>();
  let drawn = 0;
  return (event) => {
    const bytes =
      event.status === 'Downloading' || event.status === 'Pushing' ? ` ${formatBytes(event.current)}/${formatBytes(event.total)}` : '';
    lines.set(event.id, `${event.id}: ${event.status}${bytes}`);
    const up = drawn > 0 ? `\x1b[${drawn}A` : '';
    stream.write(`${up}${[...lines.values()].map((l) => `\x1b[2K${l}\n`).join('')}`);
    drawn = lines.size;
  };
}
