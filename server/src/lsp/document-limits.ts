/**
 * What the server does when a document is beyond what it analyses: over the size limit (kept as
 * text until smaller), or one the parser ran out of memory on (dropped until shorter, the parser
 * renewed for the others). Each clears the document's diagnostics and tells the user once.
 */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { absorbParserAborts } from '../engine/index';
import { ParserRenewal } from './parser-renewal';

export class DocumentLimits {
  private readonly toldTooLarge = new Set<string>();
  /** Documents and notebooks the parser ran out of memory on, and their length then. */
  private readonly abortedAt = new Map<string, number>();
  readonly renewal: ParserRenewal;

  /** `onRenewed` re-parses and re-lints every open document with the new parser (see ParserRenewal). */
  constructor(private readonly connection: Connection, readonly maxChars: number, private readonly log: (msg: string) => void, onRenewed: () => void) {
    this.renewal = new ParserRenewal(onRenewed, log);
    absorbParserAborts(log);
  }

  /** Analysis stops for a document over the limit: its diagnostics are cleared and the user told once. */
  tooLarge(uri: string, chars: number): void {
    const msg = `trainlint: ${name(uri)} has ${(chars / 1e6).toFixed(1)} M characters, more than a training script (limit ${this.maxChars / 1e6} M): not analysed until it is smaller.`;
    this.stop(uri, msg, !this.toldTooLarge.has(uri));
    this.toldTooLarge.add(uri);
  }

  /** The parser ran out of memory on `uri`: it is dropped until shorter and the parser renewed. */
  parserAborted(uri: string, chars: number): void {
    this.abortedAt.set(uri, chars);
    this.stop(uri, `trainlint: the parser ran out of memory on ${name(uri)} (${(chars / 1e6).toFixed(1)} M characters): it is not analysed until it is shorter; other documents are analysed by a fresh parser.`, true);
    void this.renewal.afterAbort();
  }

  /** Whether a text of `chars` characters is still as long as when the parser failed on `uri`. */
  tooLongForParser(uri: string, chars: number): boolean {
    return (this.abortedAt.get(uri) ?? Infinity) <= chars;
  }

  /**
   * A document closed: forget it, and renew the parser if it grew for documents no longer open.
   * `heldChars`: what the documents and notebooks still open hold together (their parsed characters).
   */
  closed(uri: string, heldChars: number): void {
    this.toldTooLarge.delete(uri);
    this.abortedAt.delete(uri);
    this.renewal.afterClose(heldChars);
  }

  dispose(): void {
    this.renewal.dispose();
  }

  private stop(uri: string, msg: string, tell: boolean): void {
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.log(msg);
    if (tell) void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: msg });
  }
}

const name = (uri: string) => uri.split('/').pop();
