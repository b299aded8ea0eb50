;;; dossier.el --- Dossier for Emacs through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools

;;; Commentary:

;; Registers the Dossier language server (`dossier lsp') with eglot for
;; `text-mode' and `markdown-mode' buffers.  Start it with M-x eglot, or add
;; `eglot-ensure' to `text-mode-hook' and `markdown-mode-hook'.

;;; Code:

(require 'eglot)

(defgroup dossier nil
  "Actors, dates and figures in analysts' reports."
  :group 'tools
  :prefix "dossier-")

(defcustom dossier-command '("dossier" "lsp")
  "The command that runs the Dossier language server."
  :type '(repeat string))

(defcustom dossier-settings nil
  "Settings sent to the server, with the keys of dossier.toml (a plist)."
  :type 'plist)

(defun dossier--contact (&optional _interactive)
  "The server command, with `dossier-settings' as initialization options."
  (append dossier-command
          (when dossier-settings
            (list :initializationOptions dossier-settings))))

(add-to-list 'eglot-server-programs
             '((text-mode markdown-mode gfm-mode) . dossier--contact))

(provide 'dossier)
;;; dossier.el ends here
