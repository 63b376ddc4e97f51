/**
 * ChatML-family templates (`chatml`, `phi-4`) in the formats Unsloth's `get_chat_template`
 * produces. Qwen variants live in `qwen.ts`. Written for trainlint (masking-spec §3.6).
 */

/** `chatml`: `<|im_start|>ROLE\ncontent<|im_end|>\n` per message, no BOS, no default system prompt. */
export const CHATML = String.raw`{%- for message in messages %}
    {{- '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' }}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
{%- endif %}`;

/** `phi-4`: `<|im_start|>ROLE<|im_sep|>content<|im_end|>` with no newline between turns. */
export const PHI_4 = String.raw`{%- for message in messages %}
    {{- '<|im_start|>' + message['role'] + '<|im_sep|>' + message['content'] + '<|im_end|>' }}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant<|im_sep|>' }}
{%- endif %}`;

/** `phi-3` / `phi-3.5`: `<|ROLE|>\ncontent<|end|>\n`. */
export const PHI_3 = String.raw`{%- for message in messages %}
    {%- if message['role'] == 'user' %}
        {{- '<|user|>\n' + message['content'] + '<|end|>\n' }}
    {%- elif message['role'] == 'assistant' %}
        {{- '<|assistant|>\n' + message['content'] + '<|end|>\n' }}
    {%- else %}
        {{- '<|' + message['role'] + '|>\n' + message['content'] + '<|end|>\n' }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|assistant|>\n' }}
{%- endif %}`;

/** `zephyr`: `<|ROLE|>\ncontent` + EOS + `\n`. */
export const ZEPHYR = String.raw`{%- for message in messages %}
    {%- if message['role'] == 'user' %}
        {{- '<|user|>\n' + message['content'] + eos_token + '\n' }}
    {%- elif message['role'] == 'assistant' %}
        {{- '<|assistant|>\n' + message['content'] + eos_token + '\n' }}
    {%- else %}
        {{- '<|' + message['role'] + '|>\n' + message['content'] + eos_token + '\n' }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|assistant|>\n' }}
{%- endif %}`;

/** `alpaca`: BOS, a system paragraph (default text when absent), `### Instruction:` / `### Response:` blocks. */
export const ALPACA = String.raw`{{- bos_token }}
{%- if messages[0]['role'] == 'system' %}
    {{- messages[0]['content'] + '\n\n' }}
    {%- set turns = messages[1:] %}
{%- else %}
    {{- 'Below are some instructions that describe some tasks. Write responses that appropriately complete each request.\n\n' }}
    {%- set turns = messages %}
{%- endif %}
{%- for message in turns %}
    {%- if message['role'] == 'user' %}
        {{- '### Instruction:\n' + message['content'] + '\n\n' }}
    {%- elif message['role'] == 'assistant' %}
        {{- '### Response:\n' + message['content'] + eos_token + '\n\n' }}
    {%- else %}
        {{- raise_exception('Only user and assistant roles are supported!') }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '### Response:\n' }}
{%- endif %}`;
