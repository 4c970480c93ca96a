/** One structured line per request, as text or as JSON (`--json`), on stderr. */
export interface AccessRecord {
  remote: string;
  method: string;
  url: string;
  id: string;
  status: number;
  ms: number;
  error?: string;
}

export type AccessLogger = (record: AccessRecord) => void;

export function accessLogger(format: 'text' | 'json' | 'off'): AccessLogger {
  if (format === 'off') return () => {};
  if (format === 'json') return (record) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
  return (r) =>
    process.stderr.write(
      `${new Date().toISOString()} ${r.remote} "${r.method} ${r.url}" id=${r.id || '-'} ${r.status} ${r.ms.toFixed(1)}ms${r.error ? ` error="${r.error}"` : ''}\n`,
    );
}
