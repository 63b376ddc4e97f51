/**
 * A call seen with other arguments than it writes (`spread-arguments.ts`: keywords a `**dict` spreads in;
 * `mapped-trainer-call.ts`: a subclass's arguments as its library trainer gets them): where the call is and what it
 * calls are the written call's.
 */
import type { ArgFact, CallFact } from '../facts/types';

export abstract class CallOverlay implements CallFact {
  abstract readonly keywords: Map<string, ArgFact>;
  abstract readonly positional: ArgFact[];
  abstract readonly args: ArgFact[];
  abstract readonly hasSplat: boolean;
  constructor(protected readonly base: CallFact) {}
  get node() { return this.base.node; }
  get callee() { return this.base.callee; }
  get calleeText() { return this.base.calleeText; }
  get text() { return this.base.text; }
  get qualified() { return this.base.qualified; }
  get receiver() { return this.base.receiver; }
  get method() { return this.base.method; }
  get scope() { return this.base.scope; }
}
