import type { Plugin } from 'esbuild';
export function ruleDocsAsGetter(source: string): string;
export const lazyRuleDocs: Plugin;
