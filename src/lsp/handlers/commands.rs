//! `workspace/executeCommand`: `dossier.timeline`, the timeline of one report or of every report
//! the server knows, as the JSON of `dossier timeline --format json` (or, with `"format":
//! "html"`, its page as one string, which VS Code shows in a webview).

use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use std::sync::Arc;

use crate::lsp::state::Backend;
use crate::model::Analysis;

/// The commands the server runs, as `executeCommandProvider` advertises them.
pub const COMMANDS: [&str; 1] = ["dossier.timeline"];

pub async fn execute_command(b: &Backend, params: ExecuteCommandParams) -> Result<Option<Value>> {
    if params.command != "dossier.timeline" {
        return Err(Error::invalid_params(format!(
            "unknown command {}",
            params.command
        )));
    }
    let arg = params.arguments.first().cloned().unwrap_or(Value::Null);
    if !(arg.is_object() || arg.is_null()) {
        return Err(Error::invalid_params(
            "dossier.timeline takes one object: {\"uri\"?: string, \"actor\"?: string, \"format\"?: \"json\" | \"html\"}",
        ));
    }
    let uri = match arg.get("uri").and_then(Value::as_str) {
        Some(u) => Some(
            u.parse::<Uri>()
                .map_err(|_| Error::invalid_params(format!("not a URI: {u}")))?,
        ),
        None => None,
    };
    let actors: Vec<String> = arg
        .get("actor")
        .and_then(Value::as_str)
        .filter(|a| !a.trim().is_empty())
        .map(|a| vec![a.trim().to_string()])
        .unwrap_or_default();
    // `actorAt: {uri, position}`: the actor mentioned there, across every report in scope.
    let at = match arg.get("actorAt") {
        Some(a) => Some(
            serde_json::from_value::<TextDocumentPositionParams>(json!({
                "textDocument": { "uri": a.get("uri") },
                "position": a.get("position"),
            }))
            .map_err(|e| Error::invalid_params(format!("actorAt: {e}")))?,
        ),
        None => None,
    };
    if let Some(p) = &at {
        b.settle(&p.text_document.uri).await;
    }
    let mut actors = actors;
    let html = arg.get("format").and_then(Value::as_str) == Some("html");
    match &uri {
        Some(u) => b.settle(u).await,
        None => b.settle_all().await,
    }
    let gathered = b.guarded("dossier.timeline", |s| {
        if let Some(p) = &at {
            let enc = s.encoding();
            let snap = &s.doc(&p.text_document.uri)?.snapshot;
            let offset = snap.offset(p.position, enc);
            let actor = snap
                .analysis
                .actors
                .iter()
                .find(|a| {
                    a.mentions
                        .iter()
                        .any(|m| m.start <= offset && offset <= m.end)
                })
                .ok_or_else(|| Error::invalid_params("no actor is named at that position"))?;
            actors.push(actor.name.to_string());
        }
        // Open reports are taken as analysed; the others are read from disk again below, off
        // the lock, since the index keeps no report's text.
        let mut open: Vec<(String, String, Arc<Analysis>)> = Vec::new();
        let mut on_disk: Vec<(String, std::path::PathBuf, Arc<crate::config::Config>)> = Vec::new();
        let in_scope: Vec<Uri> = match &uri {
            Some(u) => vec![u.clone()],
            None => s.reports().map(|(u, _)| u.clone()).collect(),
        };
        for u in in_scope {
            if let Some(doc) = s.docs.get(&u) {
                let snap = &doc.snapshot;
                open.push((path_of(&u), snap.text.clone(), snap.analysis.clone()));
            } else if let Some(path) = u.to_file_path() {
                let config = s.config_for(&u);
                on_disk.push((path_of(&u), path.into_owned(), config));
            } else {
                return Err(Error::invalid_params(format!("cannot read {}", u.as_str())));
            }
        }
        Ok((open, on_disk, actors))
    })?;
    let named = uri.is_some();
    let value = tokio::task::spawn_blocking(move || {
        let (open, on_disk, actors) = gathered;
        use rayon::prelude::*;
        let read: Vec<(String, String, Arc<Analysis>)> = on_disk
            .into_par_iter()
            .filter_map(|(label, path, config)| {
                let (text, analysis) = crate::lsp::workspace::read_report(&path, &config)?;
                Some((label, text, Arc::new(analysis)))
            })
            .collect();
        if named && open.is_empty() && read.is_empty() {
            return Err(Error::invalid_params("cannot read that report".to_string()));
        }
        let mut reports: Vec<_> = open.into_iter().chain(read).collect();
        // The state's maps have no order; paths give the one `dossier timeline` would.
        reports.sort_by(|a, b| a.0.cmp(&b.0));
        let sources: Vec<crate::timeline::Source> = reports
            .iter()
            .map(|(path, text, analysis)| crate::timeline::Source {
                path,
                text,
                analysis,
            })
            .collect();
        let filter = crate::timeline::Filter {
            actors,
            ..Default::default()
        };
        let entries = crate::timeline::merge(&sources, &filter);
        if html {
            let title = match reports.as_slice() {
                [(path, _, _)] => format!("Timeline of {path}"),
                _ => format!("Timeline of {} reports", reports.len()),
            };
            return Ok(Value::String(crate::timeline::to_html(&entries, &title)));
        }
        Ok(crate::timeline::to_json(&entries))
    })
    .await
    .map_err(|e| {
        eprintln!("dossier: internal error in dossier.timeline: {e}");
        Error::internal_error()
    })??;
    Ok(Some(value))
}

/// A report's file path, which editors visit; its URI when it is no file.
fn path_of(uri: &Uri) -> String {
    uri.to_file_path()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| uri.as_str().to_string())
}
