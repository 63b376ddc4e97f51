/** The facts index and value evaluation on real-looking snippets. */
import assert from 'node:assert/strict';
import { ParsedScript } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { evaluate, evaluateString } from '../../../server/src/engine/facts/values';
import { reachingAssignment, resolveExpression } from '../../../server/src/engine/facts/reaching';
import { ready } from '../helpers';

function facts(text: string) {
  const script = ParsedScript.parse(text);
  return { script, facts: buildFacts(script.syntax) };
}

describe('facts index', () => {
  before(ready);

  it('resolves imports, aliases and from-imports to qualified names', () => {
    const { script, facts: f } = facts(`import transformers as tf
from trl import SFTTrainer as Sft, SFTConfig
import unsloth
from unsloth.chat_templates import train_on_responses_only
tf.Trainer(model=m)
Sft(model=m, args=SFTConfig(output_dir="o"))
train_on_responses_only(trainer)
unsloth.FastLanguageModel.from_pretrained("x")
tokenizer.apply_chat_template(msgs)
`);
    try {
      const q = f.calls.map((c) => c.qualified ?? `?${c.calleeText}`);
      assert.deepEqual(q, ['transformers.Trainer', 'trl.SFTTrainer', 'trl.SFTConfig',
        'unsloth.chat_templates.train_on_responses_only', 'unsloth.FastLanguageModel.from_pretrained', '?tokenizer.apply_chat_template']);
      const method = f.calls[5];
      assert.equal(method.method, 'apply_chat_template');
      assert.equal(method.receiver?.text, 'tokenizer');
    } finally { script.dispose(); }
  });

  it('collects positional and keyword arguments, and notices **kwargs', () => {
    const { script, facts: f } = facts(`f(1, "a", x=2, *rest, **kw)\n`);
    try {
      const c = f.calls[0];
      assert.deepEqual(c.positional.map((a) => a.value.text), ['1', '"a"']);
      assert.deepEqual([...c.keywords.keys()], ['x']);
      assert.equal(c.hasSplat, true);
    } finally { script.dispose(); }
  });

  it('propagates constants through names, f-strings, concatenation and arithmetic', () => {
    const { script, facts: f } = facts(`max_seq_length = 2048
name = "llama"
tpl = f"{name}-3.1"
eos = "</s>"
text = "### Response:\\n" + eos
steps = max_seq_length // 2 * 3
cfg = dict(a=1)
use(max_seq_length=max_seq_length, t=tpl, x=text, s=steps, z=unknown_thing)
`);
    try {
      const call = f.calls.find((c) => c.calleeText === 'use')!;
      const v = (k: string) => evaluate(f, call.keywords.get(k)!.value);
      assert.deepEqual(v('max_seq_length'), { kind: 'num', value: 2048 });
      assert.equal(evaluateString(f, call.keywords.get('t')!.value), 'llama-3.1');
      assert.equal(evaluateString(f, call.keywords.get('x')!.value), '### Response:\n</s>');
      assert.deepEqual(v('s'), { kind: 'num', value: 3072 });
      assert.deepEqual(v('z'), { kind: 'unknown' });
    } finally { script.dispose(); }
  });

  it('evaluates a conditional expression: the branch a known condition picks, or the value both branches agree on', () => {
    // yongzhuo/gemma-sft ft_gemma/config.py: PATH = ""; PATH = PATH if PATH else REPO_ID (google/gemma_pytorch#24).
    const { script, facts: f } = facts(`PATH = ""
REPO_ID = "google/gemma-2b-it"
PATH = PATH if PATH else REPO_ID
n = 0
use(a=PATH, b="x" if n else "y", c="same" if flag else "same", d="x" if flag else "y", e=1 if [] else 2, g="a" if None else REPO_ID)
`);
    try {
      const call = f.calls.find((c) => c.calleeText === 'use')!;
      const v = (k: string) => evaluate(f, call.keywords.get(k)!.value);
      assert.equal(evaluateString(f, call.keywords.get('a')!.value), 'google/gemma-2b-it');
      assert.deepEqual(v('b'), { kind: 'str', value: 'y' });
      assert.deepEqual(v('c'), { kind: 'str', value: 'same' });
      assert.deepEqual(v('d'), { kind: 'unknown' }, 'an unknown condition and branches that differ');
      assert.deepEqual(v('e'), { kind: 'num', value: 2 });
      assert.deepEqual(v('g'), { kind: 'str', value: 'google/gemma-2b-it' });
    } finally { script.dispose(); }
  });

  it('a name a nested function reads but never binds is the enclosing function\'s variable (one binding), not the module\'s', () => {
    const { script, facts: f } = facts(`tok = "module"
def outer(name):
    tok = load(name)
    def inner(x):
        return tok(x)
    return inner

def twice():
    tok = "a"
    tok = "b"
    return lambda x: tok(x)

def plain():
    return tok
`);
    try {
      const uses = f.calls.filter((c) => c.calleeText === 'tok');
      const inner = reachingAssignment(f, 'tok', uses[0].node);
      assert.equal(inner?.valueText, 'load(name)');
      assert.equal(reachingAssignment(f, 'tok', uses[1].node), undefined, 'two bindings in the enclosing function');
      const ret = f.functions.get('plain')!.returns[0];
      assert.equal(reachingAssignment(f, 'tok', ret)?.valueText, '"module"', 'a top-level function still reads the module');
    } finally { script.dispose(); }
  });

  it('skips an assignment in a block that then returns or raises, but not one a try body can raise into a handler', () => {
    const { script, facts: f } = facts(`def setup(m, a):
    if a.q:
        m = wrap(m)
        return m
    if a.r:
        m = other(m)
        if a.s:
            raise ValueError("s")
        else:
            return m
    use(m)
    try:
        m = third(m)
        return m
    except ValueError:
        after(m)
    if a.t:
        m = fourth(m)
    last(m)
`);
    try {
      const read = (callee: string) => reachingAssignment(f, 'm', f.calls.find((c) => c.calleeText === callee)!.positional[0].value);
      assert.equal(read('use'), undefined, 'both branches leave: the parameter reaches');
      assert.equal(read('after')?.valueText, 'third(m)', 'the handler can run after the assignment');
      assert.equal(read('last')?.valueText, 'fourth(m)', 'a branch without an exit still reaches');
    } finally { script.dispose(); }
  });

  it('skips an assignment in another branch of the same if, but not when a loop repeats the if', () => {
    const { script, facts: f } = facts(`def split(ds, n, rows):
    if n > 0:
        ds = ds.train_test_split(test_size=n)
        first(ds)
    elif n < 0:
        second(ds)
    else:
        third(ds)
    after(ds)
    for r in rows:
        if r:
            x = make(r)
        else:
            fourth(x)
`);
    try {
      const read = (callee: string, name = 'ds') => reachingAssignment(f, name, f.calls.find((c) => c.calleeText === callee)!.positional[0].value);
      assert.equal(read('first')?.valueText, 'ds.train_test_split(test_size=n)');
      assert.equal(read('second'), undefined, 'the elif never ran the if body: the parameter reaches');
      assert.equal(read('third'), undefined, 'nor the else');
      assert.equal(read('after')?.valueText, 'ds.train_test_split(test_size=n)', 'after the if, the branch may have run');
      assert.equal(read('fourth', 'x')?.valueText, 'make(r)', 'an earlier pass of the loop may have run the other branch');
    } finally { script.dispose(); }
  });

  it('uses the assignment in effect at the point of use (x = f(x) chains)', () => {
    const { script, facts: f } = facts(`ds = load()
ds = ds.map(fn)
ds = ds.filter(g)
train(ds)
`);
    try {
      const use = f.calls.find((c) => c.calleeText === 'train')!.positional[0].value;
      const expr = resolveExpression(f, use);
      assert.equal(expr.text, 'ds.filter(g)');
      const filterCall = f.calls.find((c) => c.method === 'filter')!;
      assert.equal(resolveExpression(f, filterCall.receiver!).text, 'ds.map(fn)');
    } finally { script.dispose(); }
  });

  it('records subscript assignments and function returns', () => {
    const { script, facts: f } = facts(`def tok(ex):
    out = tokenizer(ex["text"])
    out["labels"] = out["input_ids"].copy()
    return out
`);
    try {
      assert.deepEqual(f.functions.get('tok')!.returns.map((r) => r.text), ['out']);
      const sub = f.assignments.find((a) => a.subscriptKey === 'labels');
      assert.equal(sub?.target, 'out');
    } finally { script.dispose(); }
  });

  it('records classes: bases, decorators, members, and constructors that only pass their arguments on', () => {
    const { script, facts: f } = facts(`@dataclass(frozen=True)
class Args(Base, metaclass=Meta):
    lr: float = 2e-5
    name: str
    a, b = 1, 2
    def compute_loss(self, model, inputs): pass
class Fwd(Trainer):
    def __init__(self, *args, use_lora=False, **kwargs):
        super(Fwd, self).__init__(*args, **kwargs)
class Kw(Trainer):
    def __init__(self, **kw):
        super().__init__(**kw)
class Changes(Trainer):
    def __init__(self, *args, **kwargs):
        kwargs["data_collator"] = mine
        super().__init__(*args, **kwargs)
class Positional(Trainer):
    def __init__(self, model, *args, **kwargs):
        super().__init__(model, *args, **kwargs)
class Diffusion(SFTTrainer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # loss scaling depends on the model's loss kwargs (a comment, not a use)
        if self.args.packing:
            raise ValueError("no packing")
`);
    try {
      const [args, fwd, kw, changes, positional, diffusion] = f.classes;
      assert.deepEqual([args.name, args.bases, args.opaqueBases, args.decorators], ['Args', ['Base'], true, ['dataclass(frozen=True)']]);
      assert.deepEqual(args.members.map((m) => [m.name, m.kind, m.annotated, m.value?.text]),
        [['lr', 'attribute', true, '2e-5'], ['name', 'attribute', true, undefined], ['a', 'attribute', false, undefined],
          ['b', 'attribute', false, undefined], ['compute_loss', 'method', false, undefined]]);
      assert.deepEqual([fwd, kw, changes, positional, diffusion].map((c) => c.members[0].forwardsInit ?? false), [true, true, false, false, true]);
    } finally { script.dispose(); }
  });

  it('records the keywords a forwarding __init__ takes for itself: defaults and kwargs.pop before the base\'s __init__', () => {
    const { script, facts: f } = facts(`class Defaults(Trainer):
    def __init__(self, *args, alpha=0.5, beta: float = 1.0, **kwargs):
        super().__init__(*args, **kwargs)
class Pops(Trainer):
    def __init__(self, *args, **kwargs):
        self.teacher = kwargs.pop("teacher_model", None)
        if "temperature" in kwargs:
            self.t = kwargs.pop('temperature')
        self.w = kwargs.get("weight", 1.0)
        super().__init__(*args, **kwargs)
class Typed(Trainer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
class KeywordOnly(Trainer):
    def __init__(self, *args, corpus: Dataset, model_args, **kwargs):
        super().__init__(*args, **kwargs)
class Wide(Trainer):
    def __init__(self, *args, **kwargs):
        # 说明：蒸馏温度，说明：蒸馏温度，说明：蒸馏温度，说明：蒸馏温度，说明：蒸馏温度
        self.t = kwargs.pop("temperature", 2.0)
        super().__init__(*args, **kwargs)
class WideAfter(Trainer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # 说明：蒸馏温度，说明：蒸馏温度，说明：蒸馏温度，说明：蒸馏温度
        self.t = kwargs.pop("temperature", 2.0)
class PopAfter(Trainer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.alpha = kwargs.pop("alpha", 0.5)
class PopName(Trainer):
    def __init__(self, *args, **kwargs):
        key = "alpha"
        self.alpha = kwargs.pop(key)
        super().__init__(*args, **kwargs)
class Twice(Trainer):
    def __init__(self, *args, **kwargs):
        self.helper(**kwargs)
        super().__init__(*args, **kwargs)
class SetDefault(Trainer):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("data_collator", mine)
        super().__init__(*args, **kwargs)
`);
    try {
      const init = (name: string) => f.classes.find((c) => c.name === name)!.members.find((m) => m.name === '__init__')!;
      assert.deepEqual(['Defaults', 'Pops', 'Typed', 'KeywordOnly', 'Wide'].map((n) => [init(n).forwardsInit, init(n).consumes]),
        [[true, ['alpha', 'beta']], [true, ['teacher_model', 'temperature']], [true, []], [true, ['corpus', 'model_args']], [true, ['temperature']]]);
      // Popped after the base got it, a key that is not a literal, kwargs passed elsewhere too, kwargs changed: not forwarding.
      assert.deepEqual(['PopAfter', 'PopName', 'Twice', 'SetDefault', 'WideAfter'].map((n) => init(n).forwardsInit ?? false), [false, false, false, false, false]);
    } finally { script.dispose(); }
  });

  it('evaluates attributes of the script\'s own config objects, and only where nothing else sets them', () => {
    const { script, facts: f } = facts(`from dataclasses import dataclass, field
from types import SimpleNamespace
class Config:
    MODEL = "google/gemma-2-2b"
    def method(self): pass
@dataclass
class Args:
    model: str = field(default="Qwen/Qwen2.5-7B")
    lr: float = 2e-5
    steps: int = 10
ns = SimpleNamespace(model="meta-llama/Llama-3.1-8B", lr=1e-4)
changed = SimpleNamespace(model="a")
changed.model = pick()
args = Args(lr=3e-4)
pos = Args("x/y")
use(Config.MODEL, Config.method, Args().model, args.lr, args.steps, pos.model, ns.model, ns.missing, changed.model, unknown.model)
`);
    try {
      const call = f.calls.find((c) => c.calleeText === 'use')!;
      const values = call.positional.map((a) => evaluate(f, a.value));
      assert.deepEqual(values.map((v) => ('value' in v ? v.value : v.kind)),
        ['google/gemma-2-2b', 'unknown', 'Qwen/Qwen2.5-7B', 3e-4, 10, 'x/y', 'meta-llama/Llama-3.1-8B', 'unknown', 'unknown', 'unknown']);
    } finally { script.dispose(); }
  });

  it('never throws on broken or half-typed code', () => {
    const { script, facts: f } = facts(`from trl import SFTTrainer\ntrainer = SFTTrainer(model=m, data_collator=\ndef (:\n`);
    try {
      assert.ok(script.hasSyntaxErrors);
      assert.equal(f.imports[0]?.local, "SFTTrainer");
    } finally { script.dispose(); }
  });
});
