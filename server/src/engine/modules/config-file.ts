/**
 * A YAML or JSON config file a script reads (`yaml.safe_load(open("config.yaml"))`, `json.load(f)`,
 * `OmegaConf.load("conf.yaml")`), turned into the value Python would get, as plain data (`PyValue`). Reading a file
 * is data, never code: nothing is executed, no tag constructs anything. Anything Python's loader would read
 * differently from what is certain here is unknown: a scalar PyYAML resolves to a date, an octal, hex or
 * sexagesimal number, infinity or NaN; an explicit tag, an anchor's alias or a merge key (`<<`), a key that is not a
 * string (the mapping it is in); an OmegaConf interpolation (`${…}`). A file with YAML errors, more than one
 * document or an explicit tag, or that is too large or not text, gives no value at all.
 *
 * Scalars are resolved as PyYAML's `SafeLoader` resolves plain scalars (yaml/pyyaml `lib/yaml/resolver.py`: YAML
 * 1.1 booleans `yes`/`no`/`on`/`off`, floats that need a dot, so `2e-4` is the string "2e-4"); OmegaConf's loader adds
 * a float resolver for `1e-4`-style numbers and drops the timestamp resolver (omry/omegaconf `omegaconf/_yaml.py`
 * `get_yaml_loader`).
 */
import type * as Yaml from 'yaml';
import type { PyValue } from '../facts/values';

export type ConfigFormat = 'yaml' | 'omegaconf' | 'json';

/** Values kept from one file at most (a config is a few dozen). */
const MAX_NODES = 20_000;

const UNKNOWN: PyValue = { kind: 'unknown' };

const BOOL_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const BOOL_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const PY_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?)$/;
const PY_FLOAT_OTHER = /^(?:[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT_DECIMAL = /^[-+]?(?:0|[1-9][0-9_]*)$/;
const INT_OTHER = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const OMEGA_FLOAT = /^[-+]?[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+)$/;
const TIMESTAMP = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

/** What a plain (unquoted) YAML scalar is to Python's loader. */
export function plainScalar(text: string, format: 'yaml' | 'omegaconf'): PyValue {
  if (NULL.test(text)) return { kind: 'none' };
  if (BOOL_TRUE.test(text)) return { kind: 'bool', value: true };
  if (BOOL_FALSE.test(text)) return { kind: 'bool', value: false };
  if (PY_FLOAT.test(text)) return number(text);
  if (PY_FLOAT_OTHER.test(text)) return UNKNOWN;
  if (INT_DECIMAL.test(text)) return number(text);
  if (INT_OTHER.test(text)) return UNKNOWN;
  if (format === 'omegaconf' && OMEGA_FLOAT.test(text)) return number(text);
  if (text === '=' || text === '<<') return UNKNOWN;
  if (TIMESTAMP.test(text)) return format === 'yaml' ? UNKNOWN : { kind: 'str', value: text };
  return str(text, format);
}

function number(text: string): PyValue {
  const v = Number(text.replace(/_/g, ''));
  return Number.isFinite(v) ? { kind: 'num', value: v } : UNKNOWN;
}

function str(text: string, format: ConfigFormat): PyValue {
  // An OmegaConf interpolation is resolved when read (`${model.name}`, `${oc.env:…}`): not this text.
  return format === 'omegaconf' && text.includes('${') ? UNKNOWN : { kind: 'str', value: text };
}

/** The value of a config file's text, or undefined when the file as a whole cannot be read as Python would. */
export function parseConfigText(text: string, format: ConfigFormat): PyValue | undefined {
  try {
    return format === 'json' ? fromJson(text) : fromYaml(text, format);
  } catch {
    return undefined;
  }
}

function fromJson(text: string): PyValue | undefined {
  const budget = { nodes: 0 };
  const convert = (v: unknown): PyValue | undefined => {
    if (++budget.nodes > MAX_NODES) return undefined;
    if (v === null) return { kind: 'none' };
    if (typeof v === 'string') return { kind: 'str', value: v };
    if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'num', value: v } : UNKNOWN;
    if (typeof v === 'boolean') return { kind: 'bool', value: v };
    if (Array.isArray(v)) {
      const items: PyValue[] = [];
      for (const x of v) { const c = convert(x); if (!c) return undefined; items.push(c); }
      return { kind: 'list', items };
    }
    if (typeof v === 'object') {
      const entries: Array<[string, PyValue]> = [];
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) { const c = convert(x); if (!c) return undefined; entries.push([k, c]); }
      return { kind: 'dict', entries };
    }
    return undefined;
  };
  return convert(JSON.parse(text));
}

function fromYaml(text: string, format: 'yaml' | 'omegaconf'): PyValue | undefined {
  // Loaded on the first YAML file read (its own bundle, `scripts/build.mjs`): a script that reads none never loads it.
  const { isAlias, isMap, isScalar, isSeq, parseDocument } = require('yaml') as typeof Yaml;
  // Every scalar as its source text (the failsafe schema): the resolution is PyYAML's (`plainScalar`), not the library's.
  const doc = parseDocument(text, { schema: 'failsafe', version: '1.1', uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) return undefined;
  const budget = { nodes: 0 };
  const convert = (n: unknown): PyValue | undefined => {
    if (++budget.nodes > MAX_NODES) return undefined;
    if (n === null || n === undefined) return { kind: 'none' }; // an empty document or value
    if (isAlias(n)) return UNKNOWN; // the anchored value, not followed
    if ((n as { tag?: string }).tag) return undefined; // `!!python/…` (safe_load refuses the file), `!!str`: not followed
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v !== 'string') return undefined;
      return n.type === 'PLAIN' ? plainScalar(v, format) : str(v, format);
    }
    if (isSeq(n)) {
      const items: PyValue[] = [];
      for (const x of n.items) { const c = convert(x); if (!c) return undefined; items.push(c); }
      return { kind: 'list', items };
    }
    if (isMap(n)) {
      const entries: Array<[string, PyValue]> = [];
      for (const pair of n.items) {
        const k = pair.key;
        if (!isScalar(k) || (k as { tag?: string }).tag || typeof k.value !== 'string') return UNKNOWN;
        const key = k.type === 'PLAIN' ? plainScalar(k.value, format) : { kind: 'str', value: k.value } as PyValue;
        // A merge key or a key Python reads as a number, a bool or None: lookups by string would be wrong.
        if (key.kind !== 'str' || (k.type === 'PLAIN' && k.value === '<<')) return UNKNOWN;
        const c = convert(pair.value);
        if (!c) return undefined;
        entries.push([key.value, c]);
      }
      // OmegaConf's DictConfig reads its entries as attributes too (`cfg.model.name`).
      return format === 'omegaconf' ? { kind: 'dict', entries, attributes: true } : { kind: 'dict', entries };
    }
    return undefined;
  };
  return convert(doc.contents);
}
