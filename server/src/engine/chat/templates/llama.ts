/**
 * Llama chat templates in the formats Unsloth's `get_chat_template` produces for
 * `llama-3`, `llama-3.1` (and its aliases) and `llama` / `llama-2`.
 * Written for trainlint; they render the same text as the named templates (masking-spec §3.6).
 */

/** `llama-3`: every turn `<|start_header_id|>ROLE<|end_header_id|>\n\n` + trimmed content + `<|eot_id|>`, one BOS. */
export const LLAMA_3 = String.raw`{{- bos_token }}
{%- for message in messages %}
    {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' }}
    {{- message['content'] | trim }}
    {{- '<|eot_id|>' }}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
{%- endif %}`;

/**
 * `llama-3.1` (`llama-31`, `llama-3.2`, `llama-3.3`): always a system block with the
 * "Cutting Knowledge Date" / "Today Date" header (date_string defaults to 26 July 2024),
 * tool results under the `ipython` role, tool calls as JSON.
 */
export const LLAMA_31 = String.raw`{{- bos_token }}
{%- if date_string is not defined %}
    {%- set date_string = '26 July 2024' %}
{%- endif %}
{%- if messages[0]['role'] == 'system' %}
    {%- set system_text = messages[0]['content'] | trim %}
    {%- set turns = messages[1:] %}
{%- else %}
    {%- set system_text = '' %}
    {%- set turns = messages %}
{%- endif %}
{%- set has_tools = tools is defined and tools %}
{{- '<|start_header_id|>system<|end_header_id|>\n\n' }}
{%- if has_tools %}
    {{- 'Environment: ipython\n' }}
{%- endif %}
{{- 'Cutting Knowledge Date: December 2023\n' }}
{{- 'Today Date: ' + date_string + '\n\n' }}
{%- if has_tools %}
    {{- 'You have access to the following functions. To call a function, please respond with JSON for a function call. ' }}
    {{- 'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}. Do not use variables.\n\n' }}
    {%- for tool in tools %}
        {{- tool | tojson(indent=4) + '\n\n' }}
    {%- endfor %}
{%- endif %}
{{- system_text + '<|eot_id|>' }}
{%- for message in turns %}
    {%- if message['role'] == 'tool' or message['role'] == 'ipython' %}
        {{- '<|start_header_id|>ipython<|end_header_id|>\n\n' }}
        {%- if message['content'] is string %}
            {{- message['content'] }}
        {%- else %}
            {{- message['content'] | tojson }}
        {%- endif %}
        {{- '<|eot_id|>' }}
    {%- elif message['tool_calls'] is defined and message['tool_calls'] %}
        {%- set call = message['tool_calls'][0] %}
        {%- if call['function'] is defined %}
            {%- set call = call['function'] %}
        {%- endif %}
        {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
        {{- '{"name": "' + call['name'] + '", "parameters": ' + (call['arguments'] | tojson) + '}' }}
        {{- '<|eot_id|>' }}
    {%- else %}
        {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' }}
        {{- message['content'] | trim }}
        {{- '<|eot_id|>' }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
{%- endif %}`;

/** `llama` / `llama-2`: `<s>[INST] <<SYS>>…<</SYS>>\n\nuser [/INST] answer </s>`, a BOS before every user turn. */
export const LLAMA_2 = String.raw`{%- if messages[0]['role'] == 'system' %}
    {%- set system_block = '<<SYS>>\n' + (messages[0]['content'] | trim) + '\n<</SYS>>\n\n' %}
    {%- set turns = messages[1:] %}
{%- else %}
    {%- set system_block = '' %}
    {%- set turns = messages %}
{%- endif %}
{%- for message in turns %}
    {%- if message['role'] == 'user' %}
        {{- bos_token + '[INST] ' }}
        {%- if loop.first %}
            {{- system_block }}
        {%- endif %}
        {{- (message['content'] | trim) + ' [/INST]' }}
    {%- elif message['role'] == 'assistant' %}
        {{- ' ' + (message['content'] | trim) + ' ' + eos_token }}
    {%- else %}
        {{- raise_exception('Only user and assistant roles are supported after the system message!') }}
    {%- endif %}
{%- endfor %}`;
