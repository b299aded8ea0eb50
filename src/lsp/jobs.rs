//! When analyses run: a request brings its report up to date first (`settle`), and edits
//! publish diagnostics once they pause (`publish_later`), or, for a client that pulls them, only
//! bring the analysis up to date for its next pull. Jobs run on the blocking pool, off the
//! message loop, so that typing never waits for an analysis.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::Uri;

use super::document::{Document, Job};
use super::handlers::diagnostics::{diagnostics, publish, publish_problems};
use super::state::{Asked, Backend, State, lock, panic_message};
use tower_lsp_server::jsonrpc::Result;

impl Backend {
    /// Brings a report's analysis up to date (see `settle`); the other open reports keep
    /// theirs, which may be of an earlier version.
    pub async fn settle(&self, uri: &Uri) {
        settle(&self.state, uri).await;
    }

    /// Answers a request about one report: brings its analysis up to date, then runs `f` on it
    /// under the lock, shielded from panics (`guarded`).
    pub async fn answer<T>(
        &self,
        what: &str,
        uri: &Uri,
        f: impl FnOnce(&Asked<'_>) -> Result<T>,
    ) -> Result<T> {
        self.settle(uri).await;
        self.guarded(what, |s| {
            let config = s.config_for(uri);
            let state: &State = s;
            let asked = Asked {
                state,
                uri,
                snap: &state.doc(uri)?.snapshot,
                config,
                enc: state.encoding(),
            };
            f(&asked)
        })
    }

    /// Brings the analysis of every open report up to date, for answers that read them all
    /// (workspace symbols, renames across the open reports).
    pub async fn settle_all(&self) {
        let stale: Vec<Uri> = {
            let s = self.lock();
            s.docs
                .iter()
                .filter(|(_, d)| !d.is_current())
                .map(|(u, _)| u.clone())
                .collect()
        };
        for uri in stale {
            settle(&self.state, &uri).await;
        }
    }

    /// Tells the client that the diagnostics of these reports changed (see
    /// `diagnostics_changed`).
    pub async fn diagnostics_changed(&self, uris: Vec<Uri>) {
        diagnostics_changed(&self.state, &self.client, uris).await;
    }

    /// Publishes a report's diagnostics once its edits have paused for `delay`; a later edit
    /// makes this publication give way to the one it schedules.
    pub fn publish_later(&self, uri: Uri, version: i32, delay: std::time::Duration) {
        let state = self.state.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let superseded = lock(&state)
                .docs
                .get(&uri)
                .is_none_or(|d| d.version != version);
            if !superseded {
                publish_settled(&state, &client, uri).await;
            }
        });
    }
}

/// Brings a report's analysis up to date with its text: starts a job off the message loop, or
/// waits for the one running, until the analysis is of the current version.
///
/// The job runs in a task of its own, not in the caller's future: a caller's future can be
/// dropped (a request cancelled before it ran, a server shutting down), and a job dropped with
/// it would never hand its cache back, leaving every later request waiting.
pub async fn settle(state: &Arc<Mutex<State>>, uri: &Uri) {
    loop {
        let mut wait = {
            let mut s = lock(state);
            if s.docs.get(uri).is_none_or(Document::is_current) {
                return;
            }
            let config = s.config_for(uri);
            let Some(d) = s.docs.get_mut(uri) else {
                return;
            };
            let wait = d.waiter();
            if let Some(job) = d.begin(&config) {
                tokio::spawn(run_job(state.clone(), uri.clone(), Box::new(job)));
            }
            wait
        };
        // A closed document drops its sender, which ends the wait too.
        let _ = wait.changed().await;
    }
}

/// Runs one analysis job on the blocking pool and hands its result to its document.
async fn run_job(state: Arc<Mutex<State>>, uri: Uri, job: Box<Job>) {
    let (version, document) = (job.version(), job.document());
    let finished = tokio::task::spawn_blocking(move || job.run()).await;
    let mut s = lock(&state);
    // Closed, or closed and opened again: the job's text is not the report's.
    let Some(d) = s.docs.get_mut(&uri).filter(|d| d.id() == document) else {
        return;
    };
    match finished {
        Ok(done) => d.finish(done),
        Err(e) => {
            let msg = match e.try_into_panic() {
                Ok(panic) => panic_message(&panic),
                Err(e) => e.to_string(),
            };
            eprintln!("dossier: internal error analysing {}: {msg}", uri.as_str());
            d.fail(version);
        }
    }
}

/// Tells the client that the diagnostics of these reports changed, as its model of diagnostics
/// asks: a pulling client is asked to pull again, if it can be, and the others are sent them.
pub async fn diagnostics_changed(state: &Arc<Mutex<State>>, client: &Client, uris: Vec<Uri>) {
    let caps = lock(state).caps;
    if !caps.pull_diagnostics {
        for uri in uris {
            publish_settled(state, client, uri).await;
        }
    } else if caps.diagnostic_refresh && !uris.is_empty() {
        // In a task of its own: the client's answer must not hold up the message loop.
        let client = client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.workspace_diagnostic_refresh().await {
                eprintln!("dossier: could not ask for diagnostics again: {e}");
            }
        });
    }
}

/// Publishes a report's diagnostics once its analysis is current, under the version analysed.
/// A client that pulls diagnostics is sent none: the analysis is only made ready for its pull.
pub async fn publish_settled(state: &Arc<Mutex<State>>, client: &Client, uri: Uri) {
    if publish_one(state, client, &uri).await {
        // Its facts changed: so may the other open reports' cross-report findings.
        let others = lock(state).other_open(&uri);
        let mut again = false;
        for other in others {
            again |= publish_one(state, client, &other).await;
        }
        // One of them was edited since its facts were filed, and is filed now: every open
        // report is published once more, and no further, since the edits filed are all in.
        if again {
            let open: Vec<Uri> = lock(state).docs.keys().cloned().collect();
            for uri in open {
                publish_one(state, client, &uri).await;
            }
        }
    }
    // The analysis may have read a `dossier.toml` afresh.
    publish_problems(state, client).await;
}

/// Publishes one report's diagnostics (see `publish_settled`); whether its facts filed for the
/// other reports changed.
async fn publish_one(state: &Arc<Mutex<State>>, client: &Client, uri: &Uri) -> bool {
    settle(state, uri).await;
    if lock(state).caps.pull_diagnostics {
        return false;
    }
    let uri = uri.clone();
    let mut changed = false;
    let diagnostics = {
        let mut s = lock(state);
        let s = &mut *s;
        catch_unwind(AssertUnwindSafe(|| {
            let current = s.docs.get(&uri).is_some_and(|d| d.is_current());
            if !current {
                return None;
            }
            let (cross, filed) = s.cross_findings(&uri);
            changed = filed;
            let d = s.docs.get(&uri)?;
            Some((diagnostics(s, &uri, &d.snapshot, &cross), d.version))
        }))
        .unwrap_or_else(|panic| {
            eprintln!(
                "dossier: internal error in publishDiagnostics: {}",
                panic_message(&panic)
            );
            None
        })
    };
    if let Some((diagnostics, version)) = diagnostics {
        publish(client, uri, diagnostics, version).await;
    }
    changed
}
