//! Notifications that change what the server knows: reports opened, edited and closed, settings
//! changed, files changed on disk. Each applies its change before its first `.await`.

use std::time::Duration;

use tower_lsp_server::ls_types::*;

use crate::lsp::document::Document;
use crate::lsp::handlers::diagnostics::publish_problems;
use crate::lsp::state::Backend;
use crate::lsp::{from_proto, workspace};

/// The path of a `dossier.toml`: such a file is configuration, not a report to analyse.
fn config_path(uri: &Uri) -> Option<std::path::PathBuf> {
    let path = uri.to_file_path()?;
    (path.file_name()? == "dossier.toml").then(|| path.into_owned())
}

pub async fn did_open(b: &Backend, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let (uri, version) = (item.uri, item.version);
    if let Some(path) = config_path(&uri) {
        // Its problems as diagnostics, from the file as read (the settings in force).
        let _ = b.guarded("didOpen", |s| {
            s.open_configs.insert(path.clone(), uri.clone());
            s.read_config_file(&path);
            s.problems.touch(&path);
            Ok(())
        });
        publish_problems(&b.state, &b.client).await;
        return;
    }
    let r = b.guarded("didOpen", |s| {
        let format = from_proto::format(&uri, Some(item.language_id.as_str()));
        s.docs
            .insert(uri.clone(), Document::open(&item.text, version, format));
        Ok(())
    });
    if r.is_ok() {
        // Analysed off the message loop, so that the first edits need not wait for it.
        b.publish_later(uri, version, Duration::ZERO);
    }
}

pub async fn did_change(b: &Backend, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    // Every edit is applied before the first `.await`, in the order the client sent them;
    // the analysis waits until a request needs it or the edits pause.
    let r = b.guarded("didChange", |s| {
        // A `dossier.toml` counts when it is saved and read again (watched files).
        if s.open_configs.values().any(|u| *u == uri) {
            return Ok(None);
        }
        let enc = s.encoding();
        let delay = s.config_for(&uri).diagnostics_delay_ms;
        let Some(doc) = s.docs.get_mut(&uri) else {
            eprintln!(
                "dossier: change for a document that is not open: {}",
                uri.as_str()
            );
            return Ok(None);
        };
        if version < doc.version {
            eprintln!(
                "dossier: stale change (version {version} after {}) for {}",
                doc.version,
                uri.as_str()
            );
            return Ok(None);
        }
        doc.apply(&params.content_changes, enc);
        doc.version = version;
        Ok(Some(delay))
    });
    if let Ok(Some(delay)) = r {
        b.publish_later(uri, version, Duration::from_millis(delay));
    }
}

pub async fn did_close(b: &Backend, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let pulls = b.guarded("didClose", |s| {
        let config = s.open_configs.values().any(|u| *u == uri);
        s.open_configs.retain(|_, u| *u != uri);
        s.docs.remove(&uri);
        s.tokens.remove(&uri);
        // Its facts are its file's again, as indexed, for the other reports.
        let others = if s.refile(&uri) {
            s.other_open(&uri)
        } else {
            Vec::new()
        };
        // A `dossier.toml`'s problems are pushed to every client, so they are cleared too.
        Ok((s.caps.pull_diagnostics && !config, others))
    });
    let (pulls, others) = match pulls {
        Ok((pulls, others)) => (Ok(pulls), others),
        Err(e) => (Err(e), Vec::new()),
    };
    b.diagnostics_changed(others).await;
    // A pulling client forgets a closed report's diagnostics itself.
    if pulls == Ok(false) {
        b.client.publish_diagnostics(uri, Vec::new(), None).await;
    }
}

pub async fn did_change_configuration(b: &Backend, params: DidChangeConfigurationParams) {
    let config_request = b.lock().caps.config_request;
    if config_request && params.settings.is_null() {
        super::lifecycle::fetch_configuration(b);
        return;
    }
    let uris = b.guarded("didChangeConfiguration", |s| {
        let settings = params.settings.get("dossier").unwrap_or(&params.settings);
        Ok(s.apply_settings(settings))
    });
    if uris.is_ok() {
        workspace::start_indexing(b);
    }
    b.diagnostics_changed(uris.unwrap_or_default()).await;
    publish_problems(&b.state, &b.client).await;
}

pub async fn did_change_watched_files(b: &Backend, params: DidChangeWatchedFilesParams) {
    let reanalyze = b.guarded("didChangeWatchedFiles", |s| {
        let (mut config_changed, mut facts_changed) = (false, false);
        for change in &params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == "dossier.toml") {
                config_changed = true;
            } else if change.typ == FileChangeType::DELETED {
                s.set_indexed(&change.uri, None);
                facts_changed |= s.refile(&change.uri);
            } else if s
                .roots
                .iter()
                .any(|r| crate::host::is_report_in(r, &path, &s.settings.globs))
            {
                let (config, enc) = (s.config_for(&change.uri), s.encoding());
                let indexed = workspace::index_file(&path, &config, enc);
                s.set_indexed(&change.uri, indexed);
                facts_changed |= s.refile(&change.uri);
            }
        }
        // A `dossier.toml` created, changed or deleted: every lookup and reading is stale.
        // A report's facts changed: every open report's cross-report findings may have.
        let open = if config_changed {
            s.reanalyze_all()
        } else if facts_changed {
            s.docs.keys().cloned().collect()
        } else {
            Vec::new()
        };
        Ok((open, config_changed))
    });
    let (reanalyze, config_changed) = reanalyze.unwrap_or_default();
    // The reports on disk are read again under the new configuration, in the background.
    if config_changed {
        workspace::start_indexing(b);
    }
    b.diagnostics_changed(reanalyze).await;
    publish_problems(&b.state, &b.client).await;
}
