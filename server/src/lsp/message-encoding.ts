/**
 * How messages are written on a stream transport (`--stdio`): JSON, as the protocol library writes it, except
 * that a `publishDiagnostics` reuses the encoded JSON of each diagnostic it published before. An edit to a script of
 * many pipelines re-lints one of them; the others' diagnostics are the same objects (`convert.ts` keeps one
 * LSP diagnostic per engine diagnostic), so only the new ones are encoded again instead of the whole list
 * (~100 KB for 96 findings). Diagnostics are never changed after they are converted.
 * (Over `--node-ipc`, as VS Code starts the server, Node itself encodes each message: no hook there.)
 */
import { AbstractMessageWriter, type Message, type MessageWriter, type NotificationMessage } from 'vscode-jsonrpc';

const encoded = new WeakMap<object, Buffer>();
const COMMA = Buffer.from(',');

/** A diagnostic's JSON as UTF-8, encoded once per diagnostic object. */
function diagnosticBytes(d: unknown): Buffer {
  if (!d || typeof d !== 'object') return Buffer.from(JSON.stringify(d) ?? 'null');
  let bytes = encoded.get(d);
  if (bytes === undefined) encoded.set(d, (bytes = Buffer.from(JSON.stringify(d))));
  return bytes;
}

/** The message as UTF-8 JSON: what `JSON.stringify(msg)` gives, up to the order of `params`' keys. */
export function messageBytes(msg: Message): Buffer {
  const m = msg as NotificationMessage & { params?: { diagnostics?: unknown } };
  const params = m.params;
  if (m.method !== 'textDocument/publishDiagnostics' || !params || typeof params !== 'object' || !Array.isArray(params.diagnostics)) return Buffer.from(JSON.stringify(msg));
  const { diagnostics, ...rest } = params as { diagnostics: unknown[] };
  const others = JSON.stringify(rest);
  const outer = JSON.stringify({ ...m, params: undefined });
  const head = `${outer.slice(0, -1)}${outer.length > 2 ? ',' : ''}"params":{${others.length > 2 ? `${others.slice(1, -1)},` : ''}"diagnostics":[`;
  const parts: Buffer[] = [Buffer.from(head)];
  diagnostics.forEach((d, i) => { if (i > 0) parts.push(COMMA); parts.push(diagnosticBytes(d)); });
  parts.push(Buffer.from(']}}'));
  return Buffer.concat(parts);
}

/**
 * The stdio writer: each message goes out as one frame (`Content-Length` header and JSON body in one buffer, one
 * write). The protocol library's stream writer writes the header and the body separately: two system calls per
 * message, each of which can wake the client before the frame is whole.
 */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let frame: Buffer;
    try {
      const body = messageBytes(msg);
      const head = Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii');
      frame = Buffer.concat([head, body], head.byteLength + body.byteLength);
    } catch (e) {
      this.fireError(e as Error, msg, ++this.errors);
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.out.write(frame, (e?: Error | null) => {
        if (e) { this.fireError(e, msg, ++this.errors); reject(e); } else { this.errors = 0; resolve(); }
      });
    });
  }

  end(): void {}
}
