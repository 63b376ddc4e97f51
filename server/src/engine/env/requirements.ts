/**
 * Requirement lines (PEP 508 as pip reads them) and requirements files: `name[extras] <specifier> ; <marker>`,
 * `name @ url`, line continuations, comments, and `-r` / `-c` includes (relative to the including
 * file, inside the project only). Only what a version gate needs: name, exact version or specifier, marker.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { isValidSpecifier, isValidVersion, specifierInterval } from './pep440';
import { normalizePackageName, type PackageVersion, type VersionOrigin } from './versions';

export interface Requirement {
  name: string;
  extras: string[];
  /** `==0.12.2`, `>=0.12,<0.13`, … (spaces removed); undefined when unconstrained. */
  specifier?: string;
  /** `name @ git+https://…`: a direct reference, no version. */
  url?: string;
  marker?: string;
}

const REQ = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;

/** One requirement (no options, no comment), or undefined. */
export function parseRequirement(text: string): Requirement | undefined {
  const [body, marker] = splitMarker(text.trim());
  const m = REQ.exec(body.trim());
  if (!m) return undefined;
  const extras = m[2] ? m[2].slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean) : [];
  let rest = m[3].trim();
  const req: Requirement = { name: m[1], extras, marker: marker?.trim() || undefined };
  if (rest.startsWith('@')) {
    const url = rest.slice(1).trim();
    const tagged = releaseTagPin(url);
    if (tagged && normalizePackageName(tagged.name) === normalizePackageName(req.name)) req.specifier = `==${tagged.version}`;
    else req.url = url;
    return req;
  }
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1);
  rest = rest.replace(/\s+/g, '');
  if (rest === '') return req;
  if (!isValidSpecifier(rest)) return undefined;
  req.specifier = rest;
  return req;
}

/** The libraries whose own repositories tag each release `vX.Y.Z` (datasets: `X.Y.Z`). */
const RELEASE_REPOS: Record<string, string> = {
  'huggingface/transformers': 'transformers',
  'huggingface/trl': 'trl',
  'huggingface/peft': 'peft',
  'huggingface/datasets': 'datasets',
  'huggingface/accelerate': 'accelerate',
};

/**
 * `git+https://github.com/huggingface/transformers.git@v4.36.0` (a bare URL line, or after `name @`): the library's own
 * repository at a release tag is that release (NVlabs/DoRA `commonsense_reasoning/requirements.txt`). A branch
 * (`@main`), a commit or another repository says nothing about the version.
 */
export function releaseTagPin(url: string): { name: string; version: string } | undefined {
  const m = /^(?:git\+)?https?:\/\/github\.com\/([A-Za-z0-9._-]+\/[A-Za-z0-9._-]+?)(?:\.git)?@v?(\d+(?:\.\d+)+)(?:[#?].*)?$/.exec(url.trim());
  if (!m) return undefined;
  const name = RELEASE_REPOS[m[1].toLowerCase()];
  return name && isValidVersion(m[2]) ? { name, version: m[2] } : undefined;
}

/** `body ; marker` — a `;` inside a URL needs whitespace before it (pip's rule). */
function splitMarker(text: string): [string, string | undefined] {
  const at = text.includes('@') ? text.search(/\s;/) : text.indexOf(';');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at).replace(/^\s*;/, '')];
}

/** The exact version a specifier pins (`==0.12.2`, `===0.12.2`), if it pins one. */
export function exactPin(spec: string | undefined): string | undefined {
  if (!spec) return undefined;
  const iv = specifierInterval(spec);
  return iv?.exact && isValidVersion(iv.exact) ? iv.exact : undefined;
}

/** A requirement as a version fact (no constraint at all → nothing to say). */
export function requirementVersion(req: Requirement, origin: VersionOrigin, source: string): PackageVersion | undefined {
  if (!req.specifier) return undefined;
  const exact = exactPin(req.specifier);
  return exact ? { version: exact, source, origin } : { specifier: req.specifier, source, origin };
}

/** A package's facts, merging lines behind different environment markers into alternatives. */
export class PinSet {
  readonly pins = new Map<string, PackageVersion>();
  private readonly markedIn = new Map<string, string>();

  add(name: string, pv: PackageVersion, marker: string | undefined, file: string): void {
    const key = normalizePackageName(name);
    const prev = this.pins.get(key);
    if (prev && marker !== undefined && this.markedIn.get(key) === file) {
      this.pins.set(key, { ...prev, alternatives: [...(prev.alternatives ?? [prev]), pv] });
      return;
    }
    this.pins.set(key, pv);
    if (marker !== undefined) this.markedIn.set(key, file); else this.markedIn.delete(key);
  }

  /** A copy to add more to (the pins themselves are never changed in place). */
  copy(): PinSet {
    const c = new PinSet();
    for (const [k, v] of this.pins) c.pins.set(k, v);
    for (const [k, v] of this.markedIn) c.markedIn.set(k, v);
    return c;
  }
}

export interface RequirementsFileOptions {
  /** Includes outside this folder are not read. */
  root: string;
  /** How to show a path in messages. */
  display: (path: string) => string;
  read?: (path: string) => string | undefined;
}

function readSmall(path: string): string | undefined {
  try {
    if (statSync(path).size > 4 * 1024 * 1024) return undefined;
    return decodeRequirementsBytes(readFileSync(path));
  } catch { return undefined; }
}

/**
 * A requirements file's text as pip decodes it: a byte-order mark names the encoding (UTF-8, UTF-16 little- or
 * big-endian), anything else is read as UTF-8. `pip freeze > requirements.txt` in Windows PowerShell 5 writes UTF-16 LE
 * with a BOM, and pip installs from it (pypa/pip `src/pip/_internal/utils/encoding.py` `auto_decode`, used by
 * `src/pip/_internal/req/req_file.py` `get_file_content`).
 */
export function decodeRequirementsBytes(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

function inside(root: string, path: string): boolean {
  const r = relative(resolve(root), resolve(path));
  return r === '' || (!r.startsWith('..') && !r.startsWith(sep) && !/^[A-Za-z]:/.test(r));
}

/** Logical lines: comments dropped, `\` continuations joined. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let acc = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    if (/\\\s*$/.test(line)) { acc += line.replace(/\\\s*$/, ' '); continue; }
    out.push(acc + line);
    acc = '';
  }
  if (acc) out.push(acc);
  return out;
}

/** Reads a requirements file and what it includes (`-r`, `-c`) into `into`. */
export function readRequirementsFile(path: string, into: PinSet, opts: RequirementsFileOptions, seen = new Set<string>()): void {
  const abs = resolve(path);
  if (seen.has(abs) || seen.size > 32 || !inside(opts.root, abs)) return;
  seen.add(abs);
  const text = (opts.read ?? readSmall)(abs);
  if (text === undefined) return;
  requirementsText(text, abs, into, opts, seen);
}

export function requirementsText(text: string, path: string, into: PinSet, opts: RequirementsFileOptions, seen = new Set<string>([resolve(path)])): void {
  const file = opts.display(path);
  for (const line of logicalLines(text)) {
    const t = line.trim();
    if (!t) continue;
    const inc = /^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)/.exec(t);
    if (inc) { readRequirementsFile(resolve(dirname(path), inc[1]), into, opts, seen); continue; }
    if (t.startsWith('-')) continue; // -e, --index-url …
    const body = t.replace(/\s--[a-z-]+(?:=\S+|\s+\S+)?/g, ''); // per-requirement options (--hash=…)
    // A bare URL line (pip finds the name when it builds it): only a library's release tag says what it installs.
    const tagged = releaseTagPin(splitMarker(body)[0]);
    const req = tagged ? { name: tagged.name, extras: [], specifier: `==${tagged.version}`, marker: splitMarker(body)[1]?.trim() || undefined } : parseRequirement(body);
    if (!req) continue;
    const pv = requirementVersion(req, { kind: 'pinned', file, marker: req.marker }, path);
    if (pv) into.add(req.name, pv, req.marker, path);
  }
}
