;;; dossier.el --- Dossier for Emacs through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, tools

;;; Commentary:

;; Registers the Dossier language server (`dossier lsp') with eglot for
;; `text-mode' and `markdown-mode' buffers.  Start it with M-x eglot, or add
;; `eglot-ensure' to `text-mode-hook' and `markdown-mode-hook'.
;;
;; M-x dossier-timeline lists the dated events of the current report (with a
;; prefix argument, of the whole workspace), each a link to its line.

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

(define-derived-mode dossier-timeline-mode special-mode "Dossier-Timeline"
  "The dated events of reports, in date order; RET or a click visits one.")

(defun dossier--visit (button)
  "Visit the file and line of the event at BUTTON."
  (find-file-other-window (button-get button 'dossier-path))
  (goto-char (point-min))
  (forward-line (1- (button-get button 'dossier-line))))

(defun dossier-timeline (&optional actor all)
  "Show the timeline of the current report, kept to events naming ACTOR if not empty.
With ALL (a prefix argument), the timeline of every report of the workspace."
  (interactive (list (read-string "Actor (empty for every event): ") current-prefix-arg))
  (let* ((server (or (eglot-current-server) (user-error "Dossier: no eglot server here")))
         (arg (append (unless all (list :uri (plist-get (eglot--TextDocumentIdentifier) :uri)))
                      (when (and actor (not (string-empty-p actor))) (list :actor actor))))
         (result (jsonrpc-request server :workspace/executeCommand
                                  `(:command "dossier.timeline" :arguments [,arg])))
         (events (append (plist-get result :events) nil))
         (buffer (get-buffer-create "*dossier-timeline*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (erase-buffer)
        (dossier-timeline-mode)
        (when (null events) (insert "No dated events.\n"))
        (dolist (e events)
          (let ((until (plist-get e :until))
                (who (mapconcat (lambda (a) (plist-get a :name))
                                (append (plist-get e :actors) nil) ", ")))
            (insert (if (eq (plist-get e :approx) t) "~" " ")
                    (plist-get e :date) (if (stringp until) (concat "/" until) "") "  ")
            (insert-text-button (format "%s:%d" (file-name-nondirectory (plist-get e :path))
                                        (plist-get e :line))
                                'action #'dossier--visit
                                'dossier-path (plist-get e :path)
                                'dossier-line (plist-get e :line)
                                'help-echo (plist-get e :path))
            (insert "  " (if (string-empty-p who) "-" who) "  " (plist-get e :text) "\n")))
        (goto-char (point-min))))
    (display-buffer buffer)
    buffer))

(provide 'dossier)
;;; dossier.el ends here
