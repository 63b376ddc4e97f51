/**
 * Qwen chat templates in the formats Unsloth's `get_chat_template` produces for `qwen-2.5`
 * (`qwen-25`, `qwen25`, `qwen2.5`), `qwen3` (`qwen-3`, hybrid thinking), `qwen3-instruct`
 * and `qwen3-thinking`. Written for trainlint (masking-spec §3.6); the shared pieces
 * (tool list, tool calls, tool responses) are composed below.
 */

const QWEN25_DEFAULT_SYSTEM = 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.';

const TOOLS_TEXT = String.raw`{{- '# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>' }}
    {%- for tool in tools %}
        {{- '\n' + (tool | tojson) }}
    {%- endfor %}
    {{- '\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call><|im_end|>\n' }}`;

/** Tool calls of an assistant message; `content` must be set. */
const TOOL_CALLS = String.raw`{%- if message.tool_calls %}
        {%- for call in message.tool_calls %}
            {%- if (loop.first and content) or (not loop.first) %}
                {{- '\n' }}
            {%- endif %}
            {%- if call.function %}
                {%- set call = call.function %}
            {%- endif %}
            {{- '<tool_call>\n{"name": "' + call.name + '", "arguments": ' }}
            {%- if call.arguments is string %}
                {{- call.arguments }}
            {%- else %}
                {{- call.arguments | tojson }}
            {%- endif %}
            {{- '}\n</tool_call>' }}
        {%- endfor %}
    {%- endif %}`;

/** Consecutive tool messages share one `<|im_start|>user` block. */
const TOOL_RESPONSE = String.raw`{%- if loop.first or (messages[loop.index0 - 1].role != 'tool') %}
        {{- '<|im_start|>user' }}
    {%- endif %}
    {{- '\n<tool_response>\n' + message.content + '\n</tool_response>' }}
    {%- if loop.last or (messages[loop.index0 + 1].role != 'tool') %}
        {{- '<|im_end|>\n' }}
    {%- endif %}`;

/** `qwen-2.5`: injects the default Qwen system prompt when the conversation has none. */
export const QWEN_25 = String.raw`{%- if tools %}
    {{- '<|im_start|>system\n' }}
    {%- if messages[0].role == 'system' %}
        {{- messages[0].content }}
    {%- else %}
        {{- '${QWEN25_DEFAULT_SYSTEM}' }}
    {%- endif %}
    {{- '\n\n' }}
    ${TOOLS_TEXT}
{%- elif messages[0].role == 'system' %}
    {{- '<|im_start|>system\n' + messages[0].content + '<|im_end|>\n' }}
{%- else %}
    {{- '<|im_start|>system\n${QWEN25_DEFAULT_SYSTEM}<|im_end|>\n' }}
{%- endif %}
{%- for message in messages %}
    {%- if message.role == 'user' or (message.role == 'system' and not loop.first) or (message.role == 'assistant' and not message.tool_calls) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}
    {%- elif message.role == 'assistant' %}
        {%- set content = message.content %}
        {{- '<|im_start|>assistant' }}
        {%- if content %}
            {{- '\n' + content }}
        {%- endif %}
        {%- for call in message.tool_calls %}
            {%- if call.function %}
                {%- set call = call.function %}
            {%- endif %}
            {{- '\n<tool_call>\n{"name": "' + call.name + '", "arguments": ' }}
            {%- if call.arguments is string %}
                {{- call.arguments }}
            {%- else %}
                {{- call.arguments | tojson }}
            {%- endif %}
            {{- '}\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\n' }}
    {%- elif message.role == 'tool' %}
        ${TOOL_RESPONSE}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
{%- endif %}`;

/** System block shared by the Qwen3 variants (no default system prompt). */
const QWEN3_SYSTEM = String.raw`{%- if tools %}
    {{- '<|im_start|>system\n' }}
    {%- if messages[0].role == 'system' %}
        {{- messages[0].content + '\n\n' }}
    {%- endif %}
    ${TOOLS_TEXT}
{%- elif messages[0].role == 'system' %}
    {{- '<|im_start|>system\n' + messages[0].content + '<|im_end|>\n' }}
{%- endif %}`;

/** Index of the last real user query (tool responses wrapped as user text do not count). */
const QWEN3_LAST_QUERY = String.raw`{%- set state = namespace(searching=true, last_query=messages|length - 1) %}
{%- for message in messages[::-1] %}
    {%- set idx = (messages|length - 1) - loop.index0 %}
    {%- if state.searching and message.role == 'user' and not (message.content is string and message.content.startswith('<tool_response>') and message.content.endswith('</tool_response>')) %}
        {%- set state.searching = false %}
        {%- set state.last_query = idx %}
    {%- endif %}
{%- endfor %}`;

/** Assistant turn of the thinking variants: reasoning kept (as a `<think>` block) only after the last query. */
const QWEN3_THINKING_ASSISTANT = String.raw`{%- set content = message.content %}
        {%- set reasoning = '' %}
        {%- if message.reasoning_content is defined and message.reasoning_content is not none %}
            {%- set reasoning = message.reasoning_content %}
        {%- elif '</think>' in content %}
            {%- set reasoning = content.split('</think>')[0].rstrip('\n').split('<think>')[-1].lstrip('\n') %}
            {%- set content = content.split('</think>')[-1].lstrip('\n') %}
        {%- endif %}
        {%- if loop.index0 > state.last_query and (loop.last or reasoning) %}
            {{- '<|im_start|>assistant\n<think>\n' + reasoning.strip('\n') + '\n</think>\n\n' + content.lstrip('\n') }}
        {%- else %}
            {{- '<|im_start|>assistant\n' + content }}
        {%- endif %}`;

function qwen3(assistant: string, generationPrompt: string): string {
  return String.raw`${QWEN3_SYSTEM}
${QWEN3_LAST_QUERY}
{%- for message in messages %}
    {%- if message.role == 'user' or (message.role == 'system' and not loop.first) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}
    {%- elif message.role == 'assistant' %}
        ${assistant}
        ${TOOL_CALLS}
        {{- '<|im_end|>\n' }}
    {%- elif message.role == 'tool' %}
        ${TOOL_RESPONSE}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    ${generationPrompt}
{%- endif %}`;
}

/** `qwen3` / `qwen-3`: hybrid thinking; an empty `<think>\n\n</think>\n\n` precedes the final answer. */
export const QWEN_3 = qwen3(QWEN3_THINKING_ASSISTANT, String.raw`{{- '<|im_start|>assistant\n' }}
    {%- if enable_thinking is defined and enable_thinking is false %}
        {{- '<think>\n\n</think>\n\n' }}
    {%- endif %}`);

/** `qwen3-instruct` (2507 Instruct): no thinking blocks at all. */
export const QWEN_3_INSTRUCT = qwen3(String.raw`{%- set content = message.content %}
        {{- '<|im_start|>assistant\n' + content }}`, String.raw`{{- '<|im_start|>assistant\n' }}`);

/** `qwen3-thinking` (2507 Thinking): the generation prompt opens `<think>\n`. */
export const QWEN_3_THINKING = qwen3(QWEN3_THINKING_ASSISTANT, String.raw`{{- '<|im_start|>assistant\n<think>\n' }}`);
