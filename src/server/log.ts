// The server's only voice: one line per event on stdout, errors on stderr. Never pass it
// request bodies, names, addresses or anything else a person typed.

export function logLine(message: string): void {
  process.stdout.write(`${message}\n`);
}

export function logError(context: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Ngõ Số: ${context}: ${detail}\n`);
}
