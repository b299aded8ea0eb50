-- For nvim-lspconfig users: register Dossier as a custom server, then enable it. The settings
-- go through the plugin's `settings()`, so that an empty table reaches the server as `{}`, not
-- as the empty JSON array Neovim would send, and its keymaps are set on attach. Options go
-- through `require('dossier').configure({ settings = …, on_attach = … })` before this file
-- runs; `setup()` would start a second client.
local configs = require('lspconfig.configs')
local dossier = require('dossier')
if not configs.dossier then
  configs.dossier = {
    default_config = {
      cmd = dossier.options.cmd,
      filetypes = dossier.options.filetypes,
      root_dir = require('lspconfig.util').root_pattern(unpack(dossier.options.root_markers)),
      init_options = dossier.settings(),
      settings = { dossier = dossier.settings() },
    },
  }
end
require('lspconfig').dossier.setup({ on_attach = dossier.on_attach })
