-- Dossier for Neovim: starts `dossier lsp` for Markdown and plain-text reports.
-- Works on Neovim 0.7 (vim.lsp.start_client), 0.8+ (vim.lsp.start) and 0.11+ (vim.lsp.config).

local M = {}

M.defaults = {
  cmd = { 'dossier', 'lsp' },
  filetypes = { 'markdown', 'text' },
  settings = {},
  root_markers = { 'dossier.toml', '.git' },
}

M.options = vim.deepcopy(M.defaults)

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

local function client_config(bufnr)
  local root = root_dir(vim.api.nvim_buf_get_name(bufnr))
  return {
    name = 'dossier',
    cmd = M.options.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = M.options.settings,
    settings = { dossier = M.options.settings },
  }
end

-- Neovim 0.7 has no vim.lsp.start: start one client per root and attach buffers to it.
local clients_by_root = {}
local function start_legacy(bufnr)
  local config = client_config(bufnr)
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
    return vim.lsp.start(client_config(bufnr), { bufnr = bufnr })
  end
  return start_legacy(bufnr)
end

function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if vim.lsp.config and vim.lsp.enable then
    -- Neovim 0.11+: the built-in configuration registry.
    vim.lsp.config('dossier', {
      cmd = M.options.cmd,
      filetypes = M.options.filetypes,
      root_markers = M.options.root_markers,
      init_options = M.options.settings,
      settings = { dossier = M.options.settings },
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
