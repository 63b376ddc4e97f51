-- Neovim (0.7+) as a second, independent LSP client for the trainlint server.
--
-- Usage (from run-all.sh; nvim 0.7 has no `nvim -l`):
--   TRAINLINT_SERVER=dist/server.js nvim --headless --clean -c "luafile test/e2e/nvim/lsp_check.lua" COPY/train.py
-- Env: TRAINLINT_SERVER (required), TRAINLINT_NODE (default "node"), LSP_TIMEOUT_MS (default 30000),
--      EXPECT_CODE (default "TL001").
-- Starts `node <server> --stdio`, waits for a published diagnostic whose code is EXPECT_CODE,
-- asks textDocument/codeAction on its range and requires an action whose title mentions EXPECT_CODE.
-- Exit status: 0 pass, 1 assertion failed, 2 could not start the server.

local server = os.getenv('TRAINLINT_SERVER')
local node = os.getenv('TRAINLINT_NODE') or 'node'
local timeout_ms = tonumber(os.getenv('LSP_TIMEOUT_MS') or '30000')
local expect = os.getenv('EXPECT_CODE') or 'TL001'

local function say(fmt, ...) io.stdout:write(string.format(fmt, ...) .. '\n') end
local function finish(status, fmt, ...)
  if fmt then say(fmt, ...) end
  vim.cmd(status == 0 and 'qall!' or ('cquit ' .. status))
end
if not server then return finish(2, 'FAIL: set TRAINLINT_SERVER to dist/server.js') end

local bufnr = vim.api.nvim_get_current_buf()
local buf_uri = vim.uri_from_bufnr(bufnr)
vim.bo[bufnr].filetype = 'python'

-- Keep the latest diagnostics the server pushes for our buffer.
local latest, publishes = nil, 0
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(_, result)
  if result and result.uri == buf_uri then latest = result.diagnostics; publishes = publishes + 1 end
end
local function has_expected(diags)
  for _, d in ipairs(diags or {}) do if tostring(d.code) == expect then return d end end
end

local exited = nil
local stderr_lines = {}
local client_id = vim.lsp.start_client({
  name = 'trainlint',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h'),
  on_exit = function(code, signal) exited = string.format('server exited (code %s, signal %s)', code, signal) end,
})
if not client_id then return finish(2, 'FAIL: could not start %s %s --stdio', node, server) end
vim.lsp.buf_attach_client(bufnr, client_id)

local started = vim.loop.hrtime()
local ok = vim.wait(timeout_ms, function() return exited ~= nil or has_expected(latest) ~= nil end, 50)
local diag = has_expected(latest)
local mode = 'push'

-- Fallback for a server that only offers pull diagnostics (LSP 3.17 textDocument/diagnostic).
local client = vim.lsp.get_client_by_id(client_id)
local caps = client and (client.server_capabilities or {}) or {}
if not diag and not exited and caps.diagnosticProvider then
  local resp = vim.lsp.buf_request_sync(bufnr, 'textDocument/diagnostic',
    { textDocument = { uri = buf_uri } }, 10000)
  for _, r in pairs(resp or {}) do
    if r.result and r.result.items then latest = r.result.items; mode = 'pull' end
  end
  diag = has_expected(latest)
end

for _, d in ipairs(latest or {}) do
  say('diagnostic %d:%d-%d:%d [%s] %s (%s, severity %s)', d.range.start.line + 1, d.range.start.character + 1,
    d.range['end'].line + 1, d.range['end'].character + 1, tostring(d.code), d.message, tostring(d.source), tostring(d.severity))
end
if not diag then
  return finish(1, 'FAIL: no %s diagnostic within %d ms (%d publishes; %s)', expect, timeout_ms, publishes,
    exited or (ok and 'server alive' or 'timed out'))
end
say('got %s by %s after %.0f ms', expect, mode, (vim.loop.hrtime() - started) / 1e6)

-- Code actions for the diagnostic's range, with the diagnostic in the context (as editors send it).
local params = { textDocument = { uri = buf_uri }, range = diag.range, context = { diagnostics = { diag } } }
local resp, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
if not resp then return finish(1, 'FAIL: textDocument/codeAction got no answer: %s', tostring(err)) end
local found = false
for _, r in pairs(resp) do
  if r.error then say('codeAction error: %s', vim.inspect(r.error)) end
  for _, a in ipairs(r.result or {}) do
    say('code action: %s (kind %s)', a.title, tostring(a.kind))
    if a.title:find(expect, 1, true) then found = true end
  end
end
vim.lsp.stop_client(client_id, true)
if not found then return finish(1, 'FAIL: no code action title mentions %s', expect) end
finish(0, 'PASS: %s diagnostic and quick fix over stdio', expect)
