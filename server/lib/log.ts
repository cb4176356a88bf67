/** Structured logging: one JSON object a line. Callers never pass secrets or answers. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel | 'silent', number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

let pending: string[] = [];
const flush = () => {
  if (pending.length === 0) return;
  const out = pending.join('');
  pending = [];
  process.stdout.write(out);
};
let flushOnExit = false;

/**
 * Writes lines to stdout, those of one turn of the event loop together: a busy server would
 * otherwise make a system call per request. Warnings and errors go out at once, and whatever
 * waits is written before the process exits.
 */
function toStdout(line: string, at: LogLevel) {
  if (!flushOnExit) {
    flushOnExit = true;
    process.on('exit', flush);
  }
  if (pending.push(line + '\n') === 1) setImmediate(flush);
  if (ORDER[at] >= ORDER.warn) flush();
}

/** A logger writing JSON lines at or above `level` to `write` (stdout by default). */
export function createLogger(
  level: LogLevel | 'silent' = 'info',
  base: Record<string, unknown> = {},
  write: (line: string, at: LogLevel) => void = toStdout,
): Logger {
  return new JsonLogger(ORDER[level], base, write);
}

/** One object a logger, its methods shared: a child per request costs one allocation. */
class JsonLogger implements Logger {
  constructor(
    private readonly threshold: number,
    private readonly base: Record<string, unknown>,
    private readonly write: (line: string, at: LogLevel) => void,
  ) {}

  private emit(at: LogLevel, msg: string, fields?: Record<string, unknown>) {
    if (ORDER[at] < this.threshold) return;
    const entry = { time: new Date().toISOString(), level: at, msg, ...this.base, ...fields };
    this.write(JSON.stringify(entry), at);
  }

  debug(msg: string, fields?: Record<string, unknown>) {
    this.emit('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>) {
    this.emit('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>) {
    this.emit('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>) {
    this.emit('error', msg, fields);
  }
  child(fields: Record<string, unknown>): Logger {
    return new JsonLogger(this.threshold, { ...this.base, ...fields }, this.write);
  }
}
