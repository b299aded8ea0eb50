-- Dossier for Neovim: starts `dossier lsp` for Markdown and plain-text reports.
-- Works on Neovim 0.7 (vim.lsp.start_client), 0.8+ (vim.lsp.start) and 0.11+ (vim.lsp.config).

local M = {}

M.defaults = {
  cmd = { 'dossier', 'lsp' },
  filetypes = { 'markdown', 'text' },
  settings = {},
  root_markers = { 'dossier.toml', '.git' },
  -- Buffer-local mappings set when the server attaches; `false` for none, or a key `false`
  -- to leave that one alone. Hover is mapped only before Neovim 0.10, which maps `K` itself.
  keymaps = {
    hover = 'K',
    definition = 'gd',
    references = 'gr',
    rename = '<leader>rn',
    code_action = '<leader>ca',
  },
  -- Called as on_attach(client, bufnr) after the keymaps are set.
  on_attach = nil,
}

M.options = vim.deepcopy(M.defaults)

-- Settings keys whose value is a list: an empty Lua table there is an empty JSON array.
local list_keys = {
  globs = true, actors = true, holders = true, patterns = true, aliases = true, titles = true,
}

-- Lua cannot tell an empty object from an empty list, and Neovim sends `{}` as `[]`, which
-- the server refuses ("settings must be an object"). Every empty table but a list setting
-- becomes `vim.empty_dict()`, so that `settings = {}` and `checks = {}` mean what they say.
local function as_object(value, key)
  if type(value) ~= 'table' then
    return value
  end
  if next(value) == nil then
    return list_keys[key] and {} or vim.empty_dict()
  end
  local out = {}
  for k, v in pairs(value) do
    out[k] = as_object(v, k)
  end
  return out
end

-- The settings as the server receives them: an object, never an array.
function M.settings()
  return as_object(M.options.settings or {}, nil)
end

-- The folder of the nearest root marker above `path`, else the file's own folder.
local function root_dir(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  for _, marker in ipairs(M.options.root_markers) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, dir .. ';')
    end
    if found ~= '' then
      return vim.fn.fnamemodify(found, ':p:h'):gsub('/%.git$', '')
    end
  end
  return dir
end

-- The mappings `keymaps` asks for, set on `bufnr` only.
local function set_keymaps(bufnr)
  local keys = M.options.keymaps
  if not keys then
    return
  end
  local actions = {
    hover = vim.lsp.buf.hover,
    definition = vim.lsp.buf.definition,
    references = vim.lsp.buf.references,
    rename = vim.lsp.buf.rename,
    code_action = vim.lsp.buf.code_action,
  }
  for name, action in pairs(actions) do
    local lhs = keys[name]
    -- Neovim 0.10 and later map `K` to hover in every buffer with a language server.
    local default = name == 'hover' and vim.fn.has('nvim-0.10') == 1
    if lhs and not default then
      vim.keymap.set('n', lhs, action, { buffer = bufnr, silent = true, desc = 'Dossier: ' .. name })
    end
  end
end

-- The plugin's keymaps, then the user's on_attach; nvim-lspconfig users pass it on too.
function M.on_attach(client, bufnr)
  set_keymaps(bufnr)
  if M.options.on_attach then
    M.options.on_attach(client, bufnr)
  end
end

-- The client configuration for `bufnr`, as vim.lsp.start and vim.lsp.start_client take it.
function M.client_config(bufnr)
  local root = root_dir(vim.api.nvim_buf_get_name(bufnr))
  local settings = M.settings()
  return {
    name = 'dossier',
    cmd = M.options.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = settings,
    settings = { dossier = settings },
    on_attach = M.on_attach,
  }
end

-- Neovim 0.7 has no vim.lsp.start: start one client per root and attach buffers to it.
local clients_by_root = {}
local function start_legacy(bufnr)
  local config = M.client_config(bufnr)
  local id = clients_by_root[config.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients_by_root[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.lsp.start then
    return vim.lsp.start(M.client_config(bufnr), { bufnr = bufnr })
  end
  return start_legacy(bufnr)
end

-- Takes the options without starting anything: for nvim-lspconfig users (editors/nvim/lspconfig.lua).
function M.configure(opts)
  opts = opts or {}
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts)
  -- `keymaps = false` turns every mapping off; a deep extend would keep the defaults' table.
  if opts.keymaps == false then
    M.options.keymaps = false
  end
end

-- The server's `dossier.timeline` for the current report (the whole workspace when `all`),
-- kept to events naming `actor` when given, as quickfix items in date order.
function M.timeline_items(actor, all)
  -- An empty Lua table would go out as `[]`; the server takes an object.
  local arg = vim.empty_dict()
  if not all then
    arg.uri = vim.uri_from_bufnr(0)
  end
  if actor and actor ~= '' then
    arg.actor = actor
  end
  local params = { command = 'dossier.timeline', arguments = { arg } }
  local results = vim.lsp.buf_request_sync(0, 'workspace/executeCommand', params, 10000)
  for _, r in pairs(results or {}) do
    if r.result and r.result.events then
      local items = {}
      for _, e in ipairs(r.result.events) do
        local date = e.date .. (e['until'] ~= vim.NIL and e['until'] and ('/' .. e['until']) or '')
        if e.approx then
          date = '~' .. date
        end
        table.insert(items, { filename = e.path, lnum = e.line, col = 1, text = date .. '  ' .. e.text })
      end
      return items
    end
  end
  return nil
end

-- `:DossierTimeline[!] [actor]`: the timeline in the quickfix list (`!` for the workspace).
function M.timeline(actor, all)
  local items = M.timeline_items(actor, all)
  if not items then
    vim.notify('Dossier: no timeline (is the server attached?)', vim.log.levels.WARN)
    return
  end
  vim.fn.setqflist({}, ' ', { title = 'Dossier timeline', items = items })
  vim.cmd('copen')
end

function M.setup(opts)
  M.configure(opts)
  vim.api.nvim_create_user_command('DossierTimeline', function(args)
    M.timeline(args.args, args.bang)
  end, { nargs = '?', bang = true, desc = 'Dossier: the timeline in the quickfix list' })
  if vim.lsp.config and vim.lsp.enable then
    -- Neovim 0.11+: the built-in configuration registry.
    local settings = M.settings()
    vim.lsp.config('dossier', {
      cmd = M.options.cmd,
      filetypes = M.options.filetypes,
      root_markers = M.options.root_markers,
      init_options = settings,
      settings = { dossier = settings },
      on_attach = M.on_attach,
    })
    vim.lsp.enable('dossier')
    return
  end
  local group = vim.api.nvim_create_augroup('dossier', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      M.start(args.buf)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.options.filetypes, vim.bo[buf].filetype) then
      M.start(buf)
    end
  end
end

return M
