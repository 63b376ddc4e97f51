/**
 * Structure problems of a conversation row, as a chat template sees it: unknown roles, a system
 * message that is not first, no assistant turn, roles out of order, empty messages. Each problem
 * is a short kind (counted across the dataset) and a detail naming the message.
 */
import type { ChatMessage } from '../chat/render';

export type StructureKind = 'unknown-role' | 'system-not-first' | 'no-assistant' | 'role-order' | 'empty-content';

export interface StructureProblem { kind: StructureKind; detail: string }

export const STRUCTURE_LABELS: Record<StructureKind, string> = {
  'unknown-role': 'unknown role',
  'system-not-first': 'system message not first',
  'no-assistant': 'no assistant turn',
  'role-order': 'roles out of order',
  'empty-content': 'empty message',
};

const KNOWN = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'ipython', 'function']);
const TOOLISH = new Set(['tool', 'ipython', 'function']);

function isEmpty(m: ChatMessage): boolean {
  const c = m.content as unknown;
  if (c === undefined || c === null) return !(m as { tool_calls?: unknown }).tool_calls;
  if (typeof c === 'string') return c.trim() === '' && !(m as { tool_calls?: unknown }).tool_calls;
  if (Array.isArray(c)) return c.length === 0;
  return false;
}

/** Problems of one conversation (the first of each kind; one row counts once per kind). */
export function chatStructureProblems(messages: readonly ChatMessage[]): StructureProblem[] {
  const out: StructureProblem[] = [];
  const seen = new Set<StructureKind>();
  const add = (kind: StructureKind, detail: string) => { if (!seen.has(kind)) { seen.add(kind); out.push({ kind, detail }); } };
  let previous: string | undefined;
  messages.forEach((m, i) => {
    const role = String(m.role ?? '');
    if (!KNOWN.has(role)) add('unknown-role', `message ${i} has role ${JSON.stringify(role)}`);
    if ((role === 'system' || role === 'developer') && i > 0) add('system-not-first', `message ${i} is a ${role} message`);
    if (isEmpty(m)) add('empty-content', `the ${role || 'unnamed'} message ${i} is empty`);
    if (role === 'user' || role === 'assistant') {
      if (previous === undefined && role === 'assistant') add('role-order', 'the conversation starts with the assistant');
      else if (previous === role) add('role-order', `message ${i}: ${role} after ${role}`);
      previous = role;
    } else if (TOOLISH.has(role)) {
      previous = 'tool';
    }
  });
  if (!messages.some((m) => m.role === 'assistant')) add('no-assistant', 'no message has the assistant role');
  return out;
}
