-- `:checkhealth dossier`: the server binary and its version, Neovim's version, the file types
-- that start the server, and whether the settings reach the server as an object.

local M = {}

-- Neovim 0.10 renamed vim.health.report_* to vim.health.*; 0.7 has them in the `health` module.
local health = vim.health or require('health')
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local info = health.info or health.report_info
local warn = health.warn or health.report_warn
local err = health.error or health.report_error

local function check_binary(cmd)
  local bin = cmd and cmd[1]
  if not bin or vim.fn.executable(bin) ~= 1 then
    err(
      ('`%s` is not an executable on $PATH'):format(tostring(bin)),
      { 'Install it with `cargo install --path .` in the Dossier repository', 'Or set `cmd` in setup()' }
    )
    return
  end
  local out = vim.fn.system({ bin, '--version' })
  if vim.v.shell_error ~= 0 then
    err(('`%s --version` failed: %s'):format(bin, vim.trim(out)))
    return
  end
  ok(('%s (%s)'):format(vim.trim(out), vim.fn.exepath(bin)))
end

local function check_neovim()
  local v = vim.version()
  local text = ('Neovim %d.%d.%d'):format(v.major, v.minor, v.patch)
  if v.major == 0 and v.minor < 7 then
    err(text .. ': Dossier needs Neovim 0.7 or later')
  else
    ok(text)
  end
end

local function check_filetypes(filetypes)
  if type(filetypes) ~= 'table' or #filetypes == 0 then
    warn('no file types start the server', { 'Set `filetypes`, e.g. { "markdown", "text" }' })
    return
  end
  ok('starts for file types: ' .. table.concat(filetypes, ', '))
end

local function check_settings(dossier)
  local settings = dossier.options.settings
  if settings ~= nil and type(settings) ~= 'table' then
    err(('`settings` is a %s; it must be a table of dossier.toml keys'):format(type(settings)))
    return
  end
  if settings and #settings > 0 then
    err('`settings` is a list; it must be a table of dossier.toml keys, e.g. { currency = "USD" }')
    return
  end
  local sent = vim.fn.json_encode(dossier.settings())
  if sent:sub(1, 1) ~= '{' then
    err('the settings would be sent as ' .. sent .. ', not as an object')
    return
  end
  ok('settings are sent as an object: ' .. sent)
end

function M.check()
  local dossier = require('dossier')
  start('dossier')
  check_binary(dossier.options.cmd)
  check_neovim()
  check_filetypes(dossier.options.filetypes)
  check_settings(dossier)
  if dossier.options.keymaps then
    info('buffer-local keymaps are set on attach (`keymaps = false` turns them off)')
  end
end

return M
