/**
 * Gemma chat templates in the formats Unsloth's `get_chat_template` produces for `gemma`,
 * `gemma-2` and `gemma-3` (`gemma3`). Written for trainlint (masking-spec §3.6).
 * Both put the system text at the start of the first user turn and call the assistant `model`.
 */

function gemma(strictAlternation: boolean): string {
  const check = strictAlternation
    ? String.raw`{%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}
        {{- raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}
    {%- endif %}`
    : '';
  return String.raw`{{- bos_token }}
{%- if messages[0]['role'] == 'system' %}
    {%- if messages[0]['content'] is string %}
        {%- set prefix = messages[0]['content'] + '\n\n' %}
    {%- else %}
        {%- set prefix = messages[0]['content'][0]['text'] + '\n\n' %}
    {%- endif %}
    {%- set turns = messages[1:] %}
{%- else %}
    {%- set prefix = '' %}
    {%- set turns = messages %}
{%- endif %}
{%- for message in turns %}
    ${check}
    {%- set role = 'model' if message['role'] == 'assistant' else message['role'] %}
    {{- '<start_of_turn>' + role + '\n' }}
    {%- if loop.first %}
        {{- prefix }}
    {%- endif %}
    {%- if message['content'] is string %}
        {{- message['content'] | trim }}
    {%- else %}
        {%- for part in message['content'] %}
            {%- if part['type'] == 'image' %}
                {{- '<start_of_image>' }}
            {%- elif part['type'] == 'text' %}
                {{- part['text'] | trim }}
            {%- endif %}
        {%- endfor %}
    {%- endif %}
    {{- '<end_of_turn>\n' }}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<start_of_turn>model\n' }}
{%- endif %}`;
}

/** `gemma` / `gemma-2`. */
export const GEMMA = gemma(false);

/** `gemma-3` / `gemma3`: roles must alternate user/model, else the template raises. */
export const GEMMA_3 = gemma(true);
