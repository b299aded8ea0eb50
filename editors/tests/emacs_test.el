;;; emacs_test.el --- Batch test of dossier.el with eglot  -*- lexical-binding: t; -*-

;; Run: DOSSIER_BIN=... emacs --batch -l editors/tests/emacs_test.el
;; Opens the fixture through dossier.el, starts eglot explicitly (`eglot-ensure' does not fire
;; in batch mode), and checks a hover and the document symbols.  Exits non-zero on failure.

;;; Code:

(require 'eglot)
(add-to-list 'load-path (expand-file-name "editors/emacs"))
(require 'dossier)

(setq dossier-command (list (or (getenv "DOSSIER_BIN") "dossier") "lsp"))
(setq dossier-settings '(:reference-date "2014-12-31"))

(defun dossier-test--fail (fmt &rest args)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(condition-case err
    (progn
      (find-file (expand-file-name "editors/tests/fixture.md"))
      (text-mode)
      (apply #'eglot (eglot--guess-contact))
      (let ((server (eglot-current-server)))
        (unless server (dossier-test--fail "eglot did not connect"))
        (princ "ok: eglot connected\n")
        (goto-char (point-min))
        (search-forward "Oct. 31")
        (backward-char 3)
        (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
               (value (plist-get (plist-get hover :contents) :value)))
          (unless (and value (string-match-p "2014-10-31" value) (string-match-p "Friday" value))
            (dossier-test--fail "hover on Oct. 31: %S" hover))
          (princ (format "ok: hover %s\n" (car (split-string value "\n")))))
        ;; Nested symbols when the client supports them, a flat list otherwise: either way the
        ;; outline holds the three headings.
        (let* ((symbols (append (jsonrpc-request server :textDocument/documentSymbol
                                                 `(:textDocument ,(eglot--TextDocumentIdentifier)))
                                nil))
               (names nil))
          (cl-labels ((walk (s)
                        (when (eql (plist-get s :kind) 15)
                          (push (plist-get s :name) names))
                        (mapc #'walk (append (plist-get s :children) nil))))
            (mapc #'walk symbols))
          (unless (equal (reverse names) '("Briefing, Sep — Dec 2014" "Talks" "Money"))
            (dossier-test--fail "document symbols: %S" symbols))
          (princ "ok: document symbols\n"))
;; dossier-timeline lists the report's one dated event; its link visits the line.
        (let* ((report (current-buffer))
               (timeline (dossier-timeline "Wang Yi")))
          (with-current-buffer timeline
            (goto-char (point-min))
            (unless (looking-at " 2014-10-31  fixture.md:5  Wang Yi, Hwang Joon-kook")
              (dossier-test--fail "dossier-timeline: %S" (buffer-string)))
            (let ((button (next-button (point-min))))
              (unless button (dossier-test--fail "no link in %S" (buffer-string)))
              (button-activate button)))
          (unless (and (equal (buffer-file-name) (buffer-file-name report))
                       (= (line-number-at-pos) 5))
            (dossier-test--fail "the link visited %S line %d" (buffer-file-name) (line-number-at-pos)))
          (with-current-buffer (dossier-timeline "Nobody Atall" t)
            (unless (equal (buffer-string) "No dated events.\n")
              (dossier-test--fail "dossier-timeline Nobody Atall: %S" (buffer-string))))
          (set-buffer report)
          (princ "ok: dossier-timeline\n"))
        (eglot-shutdown server)
        (kill-emacs 0)))
  (error (dossier-test--fail "%S" err)))

;;; emacs_test.el ends here
