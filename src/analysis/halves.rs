//! A long report's paragraphs are read on two threads, each taking about half of the bytes.
//!
//! Paragraphs are recognised, bound and checked one by one, each from its own text and
//! context, so two runs of them can be worked on at once and their results joined in text
//! order. Analysts' machines have several cores; on a report of a megabyte a second thread
//! pays for itself many times over, and a short one is read on one thread, since starting a
//! thread costs tens of microseconds (`docs/performance.md`).

use crate::text::Span;

#[cfg(test)]
thread_local! {
    /// Set by the tests that compare what one thread finds with what two find.
    pub static ONE_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Below this many bytes the paragraphs are read on one thread.
const MIN_BYTES: usize = 96 * 1024;

/// Where to cut `paras` into two runs of about equal bytes, each holding a paragraph; `None`
/// when they are too short to be worth a second thread.
pub fn split(paras: &[Span]) -> Option<usize> {
    #[cfg(test)]
    if ONE_THREAD.with(std::cell::Cell::get) {
        return None;
    }
    let (first, last) = (paras.first()?, paras.last()?);
    let bytes = last.end - first.start;
    if bytes < MIN_BYTES || paras.len() < 2 {
        return None;
    }
    let middle = first.start + bytes / 2;
    let cut = paras.partition_point(|p| p.end <= middle);
    Some(cut.clamp(1, paras.len() - 1))
}

/// Runs `here` on this thread and `there` on a second one at the same time, and returns both
/// results. A panic on either is resumed here, as if both had run on this thread; when no
/// thread can be started, `there` runs here after `here`.
pub fn join<A, B: Send>(here: impl FnOnce() -> A, there: impl FnOnce() -> B + Send) -> (A, B) {
    // The second closure waits in a slot that whichever thread runs it empties, so that it is
    // not lost with a thread that could not be started.
    let slot = std::sync::Mutex::new(Some(there));
    let run = || slot.lock().ok().and_then(|mut s| s.take()).map(|f| f());
    std::thread::scope(|scope| {
        let started = std::thread::Builder::new()
            .name("dossier-analysis".into())
            .spawn_scoped(scope, run);
        let a = here();
        let b = match started.map(|h| h.join()) {
            Ok(Ok(b)) => b,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => run(),
        };
        match b {
            Some(b) => (a, b),
            // The slot is emptied once, by the thread that then runs `there`, and no lock is
            // held while it runs: `run` finds it empty only after it ran, which gave `b`.
            None => unreachable!("the second half ran nowhere"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_is_cut_where_half_of_its_bytes_lie() {
        let paras: Vec<Span> = (0..100)
            .map(|k| Span::new(k * 2000, k * 2000 + 1990))
            .collect();
        assert_eq!(split(&paras), Some(50));
        // Uneven paragraphs: the cut follows the bytes, not the count.
        let mut uneven = vec![Span::new(0, 150_000)];
        uneven.extend((0..10).map(|k| Span::new(150_000 + k * 100, 150_000 + k * 100 + 90)));
        assert_eq!(split(&uneven), Some(1));
        assert_eq!(split(&paras[..10]), None, "20 KB stay on one thread");
        assert_eq!(
            split(&[Span::new(0, 1 << 20)]),
            None,
            "one paragraph is not cut"
        );
        assert_eq!(split(&[]), None);
    }

    #[test]
    fn both_halves_run_and_come_back_in_order() {
        let here = std::thread::current().id();
        let (a, b) = join(
            || (std::thread::current().id(), 1),
            || (std::thread::current().id(), 2),
        );
        assert_eq!((a.0, a.1, b.1), (here, 1, 2));
        assert_ne!(b.0, here, "the second half runs on a thread of its own");
    }

    #[test]
    fn a_panic_in_the_second_half_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| join(|| 1, || -> i32 { panic!("second half") }));
        let payload = caught.expect_err("the panic is resumed");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"second half"));
    }
}
