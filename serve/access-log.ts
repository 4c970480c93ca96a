/** serve's logs on stderr, as text or as JSON (`--json`): one line per request, and events. */
export interface AccessRecord {
  remote: string;
  method: string;
  url: string;
  id: string;
  status: number;
  ms: number;
  error?: string;
}

export type LogFormat = 'text' | 'json' | 'off';
export type AccessLogger = (record: AccessRecord) => void;
export type EventLogger = (message: string) => void;

const write = (line: string) => process.stderr.write(`${line}\n`);

export function accessLogger(format: LogFormat): AccessLogger {
  if (format === 'off') return () => {};
  if (format === 'json') return (record) => write(JSON.stringify({ time: new Date().toISOString(), ...record }));
  return (r) =>
    write(
      `${new Date().toISOString()} ${r.remote} "${r.method} ${r.url}" id=${r.id || '-'} ${r.status} ${r.ms.toFixed(1)}ms${r.error ? ` error="${r.error}"` : ''}`,
    );
}

/** What serve itself reports: a host call that failed, an instance that could not be replaced. */
export function eventLogger(format: LogFormat): EventLogger {
  if (format === 'off') return () => {};
  if (format === 'json') return (message) => write(JSON.stringify({ time: new Date().toISOString(), event: message }));
  return (message) => write(`${new Date().toISOString()} wasmctl serve: ${message}`);
}
