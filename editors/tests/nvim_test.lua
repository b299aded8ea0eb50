-- Headless Neovim test: loads editors/nvim, opens the fixture, waits for the client, and checks
-- hover, definition, document symbols and diagnostics. Exits non-zero on any failure.
-- Run: DOSSIER_BIN=... nvim --headless --clean -c 'set rtp+=editors/nvim' -c 'luafile editors/tests/nvim_test.lua' editors/tests/fixture.md

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local function ok(msg)
  io.stdout:write('ok: ' .. msg .. '\n')
end

local bin = os.getenv('DOSSIER_BIN') or 'dossier'

-- Every window/showMessage the server sends: a configuration problem would show as one.
local shown = {}
vim.lsp.handlers['window/showMessage'] = function(_, result)
  table.insert(shown, result.message)
end

local attached = {}
require('dossier').setup({
  cmd = { bin, 'lsp' },
  -- `checks = {}` is an empty Lua table, which Neovim would send as a JSON array.
  settings = { ['reference-date'] = '2014-12-31', checks = {} },
  on_attach = function(client, bufnr)
    table.insert(attached, { client = client.name, bufnr = bufnr })
  end,
})
if vim.bo.filetype ~= 'markdown' then
  vim.bo.filetype = 'markdown'
end
-- 0.7 and 0.8 start on FileType; make sure this buffer has its client.
require('dossier').start(0)

local function clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = 0 })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(0))
end

if not vim.wait(15000, function() return #clients() > 0 end, 50) then
  fail('no client attached')
end
ok('client attached: ' .. clients()[1].name)

if not vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50) then
  fail('no diagnostics arrived')
end
local diags = vim.diagnostic.get(0)
local weekday = false
for _, d in ipairs(diags) do
  if d.code == 'weekday' and d.message:find('Friday') then
    weekday = true
  end
end
if not weekday then
  fail('expected a weekday diagnostic, got ' .. vim.inspect(diags))
end
ok('diagnostics: ' .. #diags)

-- The settings went out as objects, the server had nothing to say about them, and the user's
-- on_attach ran for this buffer after the plugin's keymaps were set.
local sent = vim.fn.json_encode(clients()[1].config.init_options)
if not sent:find('"checks": *{}') then
  fail('init_options sent as ' .. sent)
end
if #shown > 0 then
  fail('the server showed messages: ' .. vim.inspect(shown))
end
if #attached ~= 1 or attached[1].client ~= 'dossier' or attached[1].bufnr ~= vim.api.nvim_get_current_buf() then
  fail('on_attach: ' .. vim.inspect(attached))
end
local function buffer_map(lhs)
  local m = vim.fn.maparg(lhs, 'n', false, true)
  return m.buffer == 1 and m or nil
end
for _, lhs in ipairs({ 'gd', 'gr', '<leader>rn', '<leader>ca' }) do
  if not buffer_map(lhs) then
    fail('no buffer-local mapping of ' .. lhs)
  end
end
-- Before 0.10 Neovim maps no hover key; the plugin maps K.
if vim.fn.has('nvim-0.10') == 0 and not buffer_map('K') then
  fail('no buffer-local mapping of K')
end
ok('on_attach and keymaps')

-- The position where the `skip`th match of `pattern` (plain) starts, in UTF-16 columns.
local function position_of(pattern, skip)
  skip = skip or 0
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for l, text in ipairs(lines) do
    local init = 1
    while true do
      local s = text:find(pattern, init, true)
      if not s then
        break
      end
      if skip == 0 then
        return { line = l - 1, character = vim.str_utfindex(text, s - 1) }
      end
      skip = skip - 1
      init = s + 1
    end
  end
  fail('pattern not found: ' .. pattern)
end

local function request(method, params)
  local results = vim.lsp.buf_request_sync(0, method, params, 10000)
  if not results then
    fail(method .. ' timed out')
  end
  for _, r in pairs(results) do
    if r.error then
      fail(method .. ': ' .. vim.inspect(r.error))
    end
    return r.result
  end
end

local uri = vim.uri_from_bufnr(0)

local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = position_of('Oct. 31') })
local value = hover and hover.contents and (hover.contents.value or hover.contents) or ''
if type(value) ~= 'string' or not value:find('2014%-10%-31') or not value:find('Friday') then
  fail('hover on Oct. 31: ' .. vim.inspect(hover))
end
ok('hover: ' .. value:gsub('\n.*', ''))

local def = request('textDocument/definition', { textDocument = { uri = uri }, position = position_of('Wang Yi', 1) })
local loc = def and (def.range and def or def[1])
local first = position_of('Wang Yi', 0)
if not loc or loc.range.start.line ~= first.line or loc.range.start.character ~= first.character then
  fail('definition of Wang Yi: ' .. vim.inspect(def) .. ' expected ' .. vim.inspect(first))
end
ok('definition: line ' .. loc.range.start.line)

local symbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } })
if not symbols or not symbols[1] or symbols[1].name ~= 'Briefing, Sep — Dec 2014' then
  fail('document symbols: ' .. vim.inspect(symbols))
end
local names = {}
for _, child in ipairs(symbols[1].children or {}) do
  if child.kind == 15 then
    table.insert(names, child.name)
  end
end
if table.concat(names, ',') ~= 'Talks,Money' then
  fail('sections: ' .. vim.inspect(names))
end
ok('symbols: ' .. table.concat(names, ', '))

-- :DossierTimeline fills the quickfix list from the server's dossier.timeline, in date order,
-- and an actor no event names leaves it empty.
local report_buf = vim.api.nvim_get_current_buf()
vim.fn.setqflist({}, 'r')
vim.cmd('DossierTimeline Wang Yi')
local qf = vim.fn.getqflist()
if #qf ~= 1 or qf[1].lnum ~= 5 or not qf[1].text:find('^2014%-10%-31  On Monday, Oct%. 31')
  or vim.api.nvim_buf_get_name(qf[1].bufnr) ~= vim.api.nvim_buf_get_name(report_buf) then
  fail(':DossierTimeline Wang Yi: ' .. vim.inspect(qf))
end
vim.cmd('cclose')
vim.api.nvim_set_current_buf(report_buf)
-- The workspace's events (the repository's reports, as far as the index has read them) come in
-- date order: by first day, `2014` standing for 2014-01-01.
local all = {}
vim.wait(15000, function()
  vim.api.nvim_set_current_buf(report_buf)
  all = require('dossier').timeline_items(nil, true) or {}
  return #all > 1
end, 200)
vim.fn.setqflist({}, 'r')
vim.cmd('DossierTimeline!')
all = vim.fn.getqflist()
local previous = ''
for _, item in ipairs(all) do
  local date = item.text:match('^~?([%d%-]+)')
  local first = date and (date .. ('-01-01'):sub(#date - 3))
  if not first or first < previous then
    fail(':DossierTimeline! out of order at ' .. vim.inspect(item.text))
  end
  previous = first
end
if #all < 2 then
  fail(':DossierTimeline! listed ' .. #all .. ' events: is the workspace indexed?')
end
vim.cmd('cclose')
vim.api.nvim_set_current_buf(report_buf)
vim.cmd('DossierTimeline! Nobody Atall')
if #vim.fn.getqflist() ~= 0 then
  fail(':DossierTimeline! Nobody Atall: ' .. vim.inspect(vim.fn.getqflist()))
end
vim.cmd('cclose')
vim.api.nvim_set_current_buf(report_buf)
ok(':DossierTimeline, ' .. #all .. ' events in the workspace')

-- Empty settings, as the README's `settings = {}` gives them, go out as an object too.
require('dossier').options.settings = {}
local empty = require('dossier').client_config(0)
if vim.fn.json_encode(empty.init_options) ~= '{}' or not vim.fn.json_encode(empty.settings):find('^{"dossier": *{}}$') then
  fail('empty settings sent as ' .. vim.fn.json_encode(empty.init_options))
end
ok('empty settings are an object')

-- editors/nvim/lspconfig.lua, against a stand-in for nvim-lspconfig: the options given to
-- configure() reach the registered server, empty settings as an object, with the keymaps.
local registered, set_up = {}, nil
package.loaded['lspconfig.configs'] = registered
package.loaded['lspconfig.util'] = { root_pattern = function(...) return { ... } end }
package.loaded['lspconfig'] = setmetatable({}, {
  __index = function(_, name)
    return { setup = function(opts) set_up = { name = name, opts = opts } end }
  end,
})
require('dossier').configure({ cmd = { bin, 'lsp' }, settings = {} })
dofile('editors/nvim/lspconfig.lua')
local default = registered.dossier and registered.dossier.default_config
if not default or vim.fn.json_encode(default.init_options) ~= '{}' or default.cmd[1] ~= bin
  or not set_up or set_up.name ~= 'dossier' or set_up.opts.on_attach ~= require('dossier').on_attach then
  fail('lspconfig.lua registered ' .. vim.inspect(registered) .. ' and set up ' .. vim.inspect(set_up))
end
ok('lspconfig.lua')

-- :checkhealth dossier finds the binary, says its version and has no error.
vim.cmd('checkhealth dossier')
local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
local version = vim.trim(vim.fn.system({ bin, '--version' }))
if not report:find(version, 1, true) or report:find('ERROR') or not report:find('settings are sent as an object') then
  fail('checkhealth dossier:\n' .. report)
end
ok('checkhealth: ' .. version)

vim.cmd('qa!')
