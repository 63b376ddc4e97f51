/**
 * A call of the script's own module-level function whose name is also imported inside a function (imports are read
 * without scopes): thewh1teagle/gemma3-g2p `src/train.py` wraps Unsloth's `get_chat_template` in its own
 * `def get_chat_template(tokenizer)` that imports Unsloth's inside and sets "gemma3". The wrapper's call passes no
 * `chat_template=`; read as Unsloth's it meant the "chatml" default (TL101 ×2 there, false). The masking preview's
 * template and `callsOwnFunction` itself, with the near misses: a module-level import of the name, and the call
 * inside the function that imports it.
 */
import assert from 'node:assert/strict';
import { ready } from '../helpers';
import { analyse } from '../../../server/src/engine/lint/analysis';
import { Environment } from '../../../server/src/engine/env/versions';
import { ParsedScript } from '../../../server/src/engine/syntax/parsed-script';
import { ScriptDocument } from '../../../server/src/engine/syntax/script-document';
import { templateSetter } from '../../../server/src/engine/masking/script-plan';
import { callsOwnFunction } from '../../../server/src/engine/facts/own-functions';
import { tokenizerOrigin } from '../../../server/src/engine/domain/tokenizers';

function withAnalysis<T>(text: string, fn: (a: ReturnType<typeof analyse>) => T): T {
  const doc = ScriptDocument.fromPython('/tmp/trainlint-test/train.py', text);
  const script = ParsedScript.parse(doc.text);
  try {
    return fn(analyse(doc, script, new Environment()));
  } finally { script.dispose(); }
}

const WRAPPER = `from unsloth import FastModel

def get_chat_template(tokenizer):
    from unsloth.chat_templates import get_chat_template
    tokenizer = get_chat_template(tokenizer, chat_template="gemma3")
    return tokenizer

model, tokenizer = FastModel.from_pretrained(model_name="unsloth/gemma-3-270m-it")
tokenizer = get_chat_template(tokenizer)
END = tokenizer
`;

describe('the script\'s own function named like an import', () => {
  before(ready);

  it('the wrapper\'s call is the script\'s own; the inner call and a module-level import are not', () => {
    withAnalysis(WRAPPER, (a) => {
      const calls = a.facts.calls.filter((c) => c.calleeText === 'get_chat_template');
      assert.equal(calls.length, 2);
      assert.deepEqual(calls.map((c) => callsOwnFunction(a.facts, c)), [false, true]);
    });
    const imported = `from unsloth.chat_templates import get_chat_template\n${WRAPPER.replace(/^ {4}from unsloth.chat_templates import get_chat_template\n/m, '')}`;
    withAnalysis(imported, (a) => {
      const calls = a.facts.calls.filter((c) => c.calleeText === 'get_chat_template');
      assert.deepEqual(calls.map((c) => callsOwnFunction(a.facts, c)), [false, false]);
    });
  });

  it('the masking preview takes the template the wrapper sets, not Unsloth\'s default', () => {
    withAnalysis(WRAPPER, (a) => {
      const at = a.facts.assignments.find((x) => x.target === 'END')!.node.startIndex;
      assert.deepEqual(templateSetter(a, at).template, { name: 'gemma3' });
    });
  });

  it('the tokenizer\'s origin follows the wrapper to the template its inner call names', () => {
    withAnalysis(WRAPPER, (a) => {
      const end = a.facts.assignments.find((x) => x.target === 'END')!;
      const origin = tokenizerOrigin(a.facts, new Map(a.facts.calls.map((c) => [c.node.id, c])), end.value);
      assert.equal(origin?.templateName, 'gemma3');
      assert.equal(origin?.modelId, 'unsloth/gemma-3-270m-it');
    });
  });
});
