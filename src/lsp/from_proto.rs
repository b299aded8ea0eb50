//! Conversions from what the client sends (capabilities, workspace folders, document kinds) to
//! the server's own terms.

use std::path::PathBuf;

use tower_lsp_server::ls_types::{InitializeParams, MarkupKind, Uri};

use super::position::Encoding;
use super::state::ClientCaps;
use crate::outline::Format;

/// What the client can do, from its `initialize` capabilities.
pub fn client_caps(params: &InitializeParams) -> ClientCaps {
    let caps = &params.capabilities;
    let offered = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    let td = caps.text_document.as_ref();
    let ws = caps.workspace.as_ref();
    ClientCaps {
        encoding: Encoding::negotiate(offered),
        plain_hover: td
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|f| !f.is_empty() && !f.contains(&MarkupKind::Markdown)),
        hierarchical_symbols: td
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false),
        config_request: ws.and_then(|w| w.configuration).unwrap_or(false),
        watch_registration: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        pull_diagnostics: td.is_some_and(|t| t.diagnostic.is_some()),
        diagnostic_refresh: ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
    }
}

/// The workspace folders on disk, or the root of a client that names only one.
pub fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    #[allow(deprecated)] // `root_uri` is how older clients name their folder.
    if roots.is_empty()
        && let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path())
    {
        roots.push(p.into_owned());
    }
    roots
}

/// A file's extension decides its format; the client's language id only when the extension
/// does not (an editor without a Markdown mode opens `.md` files as plain text).
pub fn format(uri: &Uri, language_id: Option<&str>) -> Format {
    match (Format::from_path(uri.as_str()), language_id) {
        (Format::Auto, Some("markdown")) => Format::Markdown,
        (Format::Auto, Some("plaintext" | "text")) => Format::Plain,
        (format, _) => format,
    }
}

/// The file name at the end of a URI, which is how a hover names another report.
pub fn file_label(uri: &Uri) -> &str {
    uri.as_str().rsplit('/').next().unwrap_or(uri.as_str())
}
