-- For nvim-lspconfig users: register Dossier as a custom server, then enable it.
local configs = require('lspconfig.configs')
if not configs.dossier then
  configs.dossier = {
    default_config = {
      cmd = { 'dossier', 'lsp' },
      filetypes = { 'markdown', 'text' },
      root_dir = require('lspconfig.util').root_pattern('dossier.toml', '.git'),
      settings = {},
    },
  }
end
require('lspconfig').dossier.setup({})
