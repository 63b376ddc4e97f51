/**
 * The one source of truth for settings: the schema below is what package.json's
 * `contributes.configuration` must contain (checked by test/unit/lsp/settings.test.ts),
 * and `resolveSettings` turns whatever the client sends into concrete values.
 */
export interface Settings {
  enable: boolean;
  select: string[];
  ignore: string[];
  /** Python interpreter whose site-packages give library versions; empty: auto-detect. */
  pythonPath: string;
  /** Let "Fix all" (source.fixAll.trainlint) apply unsafe fixes too. */
  unsafeFixes: boolean;
  /** Report TL000 syntax errors (off: Python extensions show them already). */
  syntaxErrors: boolean;
  data: { maxFileSizeMB: number; previewRows: number };
  masking: { tokenizerPath: string; rows: number };
  /** Optional quick fixes: "Disable TLxxx for this line" and "Show documentation for TLxxx". */
  codeAction: { disableRuleComment: { enable: boolean }; showDocumentation: { enable: boolean } };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true, select: [], ignore: [], pythonPath: '', unsafeFixes: false, syntaxErrors: false,
  data: { maxFileSizeMB: 256, previewRows: 100 },
  masking: { tokenizerPath: '', rows: 3 },
  codeAction: { disableRuleComment: { enable: true }, showDocumentation: { enable: true } },
};

/** JSON schema of `contributes.configuration.properties`, keyed by full setting id. */
export const SETTINGS_SCHEMA: Record<string, Record<string, unknown>> = {
  'trainlint.enable': { type: 'boolean', default: true, scope: 'resource', description: 'Lint Python fine-tuning scripts with trainlint.' },
  'trainlint.select': { type: 'array', items: { type: 'string' }, default: [], scope: 'resource', description: 'Rule code prefixes to enable (empty: all), added to [tool.trainlint] select.' },
  'trainlint.ignore': { type: 'array', items: { type: 'string' }, default: [], scope: 'resource', description: 'Rule code prefixes to disable, added to [tool.trainlint] ignore.' },
  'trainlint.pythonPath': { type: 'string', default: '', scope: 'resource', description: 'Python interpreter whose installed packages give library versions. Empty: the Python extension\'s interpreter, then .venv/venv, VIRTUAL_ENV, CONDA_PREFIX.' },
  'trainlint.unsafeFixes': { type: 'boolean', default: false, scope: 'resource', description: 'Let "Fix all trainlint problems" apply unsafe fixes too.' },
  'trainlint.syntaxErrors': { type: 'boolean', default: false, scope: 'resource', description: 'Report syntax errors as TL000 (the Python extension usually shows them already; the CLI always reports them).' },
  'trainlint.data.maxFileSizeMB': { type: 'number', default: 256, minimum: 1, scope: 'resource', description: 'Largest data file read whole (JSON arrays); larger files are streamed or skipped.' },
  'trainlint.data.previewRows': { type: 'number', default: 100, minimum: 1, maximum: 10000, scope: 'resource', description: 'Rows shown by the dataset preview.' },
  'trainlint.masking.tokenizerPath': { type: 'string', default: '', scope: 'resource', description: 'Folder with tokenizer.json and tokenizer_config.json for the masking preview (default: the Hugging Face cache entry of the script\'s model id).' },
  'trainlint.masking.rows': { type: 'number', default: 3, minimum: 1, maximum: 100, scope: 'resource', description: 'Dataset rows rendered by the loss-masking preview.' },
  'trainlint.codeAction.disableRuleComment.enable': { type: 'boolean', default: true, scope: 'resource', description: 'Offer "Disable TLxxx for this line" (a `# trainlint: disable=` comment) in the quick-fix menu.' },
  'trainlint.codeAction.showDocumentation.enable': { type: 'boolean', default: true, scope: 'resource', description: 'Offer "Show documentation for TLxxx" in the quick-fix menu.' },
  'trainlint.trace.server': { type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off', scope: 'window', description: 'Trace the communication between VS Code and the trainlint language server.' },
};

function bool(v: unknown, d: boolean): boolean { return typeof v === 'boolean' ? v : d; }
function num(v: unknown, d: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : d;
}
function str(v: unknown, d: string): string { return typeof v === 'string' ? v : d; }
function strs(v: unknown): string[] { return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []; }

/** Concrete settings from the raw `trainlint` section (missing or malformed values fall back to defaults). */
export function resolveSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
  const d = DEFAULT_SETTINGS;
  return {
    enable: bool(r.enable, d.enable),
    select: strs(r.select),
    ignore: strs(r.ignore),
    pythonPath: str(r.pythonPath, d.pythonPath),
    unsafeFixes: bool(r.unsafeFixes, d.unsafeFixes),
    syntaxErrors: bool(r.syntaxErrors, d.syntaxErrors),
    data: {
      maxFileSizeMB: num(r.data?.maxFileSizeMB, d.data.maxFileSizeMB, 1, 1e6),
      previewRows: num(r.data?.previewRows, d.data.previewRows, 1, 10000),
    },
    masking: {
      tokenizerPath: str(r.masking?.tokenizerPath, d.masking.tokenizerPath),
      rows: num(r.masking?.rows, d.masking.rows, 1, 100),
    },
    codeAction: {
      disableRuleComment: { enable: bool(r.codeAction?.disableRuleComment?.enable, d.codeAction.disableRuleComment.enable) },
      showDocumentation: { enable: bool(r.codeAction?.showDocumentation?.enable, d.codeAction.showDocumentation.enable) },
    },
  };
}
