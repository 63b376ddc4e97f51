/**
 * The server's end of the wire, with the protocol's rules enforced before any handler runs:
 * - a framing or decoding error (bad `Content-Length`, broken JSON) is logged and the process exits,
 *   so the client restarts the server instead of talking to one that stays deaf;
 * - a request before `initialize` gets `ServerNotInitialized` (-32002), notifications before it are
 *   dropped (except `exit`);
 * - a second `initialize` is refused (InvalidRequest).
 */
import {
  AbstractMessageReader, IPCMessageReader, IPCMessageWriter, StreamMessageReader,
  type DataCallback, type Disposable, type Message, type MessageReader, type MessageWriter,
} from 'vscode-jsonrpc/node';
import { format } from 'node:util';
import { ErrorCodes } from 'vscode-jsonrpc';
import { FrameWriter } from './message-encoding';

interface RawMessage { id?: number | string | null; method?: string }

export class GuardedReader extends AbstractMessageReader {
  private initialized = false;
  constructor(private readonly inner: MessageReader, private readonly writer: MessageWriter, private readonly onFatal: (why: string) => void) {
    super();
    inner.onError((e) => onFatal(`malformed message from the client (${(e as Error)?.message?.split('\n')[0] ?? e})`));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message: Message) => {
      const m = message as RawMessage;
      const isRequest = typeof m.method === 'string' && m.id !== undefined && m.id !== null;
      if (m.method === 'initialize' && isRequest) {
        if (this.initialized) return this.refuse(m, ErrorCodes.InvalidRequest, 'the server is already initialized; initialize may be sent once');
        this.initialized = true;
      } else if (!this.initialized && typeof m.method === 'string') {
        if (isRequest) return this.refuse(m, -32002 /* ServerNotInitialized */, `the server is not initialized: send initialize before ${m.method}`);
        if (m.method !== 'exit') return; // notifications before initialize are dropped
      }
      callback(message);
    });
  }

  private refuse(m: RawMessage, code: number, message: string): void {
    void this.writer.write({ jsonrpc: '2.0', id: m.id ?? null, error: { code, message } } as Message).catch(() => undefined);
  }

  override dispose(): void {
    super.dispose();
    this.inner.dispose();
  }
}

/** Reader and writer for the transport named on the command line (`--stdio` or `--node-ipc`). */
export function serverTransport(argv: string[] = process.argv): { reader: MessageReader; writer: MessageWriter } | undefined {
  let reader: MessageReader;
  let writer: MessageWriter;
  if (argv.includes('--stdio')) {
    // stdout carries the protocol: whatever a library prints there (a wasm runtime's `print`) goes to stderr.
    for (const k of ['log', 'info', 'debug'] as const) console[k] = (...args: unknown[]) => { process.stderr.write(`${format(...args)}\n`); };
    reader = new StreamMessageReader(process.stdin);
    writer = new FrameWriter(process.stdout);
  } else if (argv.includes('--node-ipc')) {
    reader = new IPCMessageReader(process);
    writer = new IPCMessageWriter(process);
  } else {
    return undefined; // sockets and pipes: the library's own set-up
  }
  const fatal = (why: string) => {
    process.stderr.write(`trainlint: ${why}; exiting so the client restarts the server\n`);
    process.exit(1);
  };
  return { reader: new GuardedReader(reader, writer, fatal), writer };
}
