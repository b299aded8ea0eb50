//! A long report's paragraphs are read on two threads, each taking about half of the bytes.
//!
//! Paragraphs are recognised, bound and checked one by one, each from its own text and
//! context, so two runs of them can be worked on at once and their results joined in text
//! order. Analysts' machines have several cores. The second half goes to one helper thread
//! that lives as long as the process: starting a thread for each half cost some 65 µs on a
//! 2-core VM, more than a report of 20 KB gains, while handing work to a waiting thread costs
//! some 10 µs (`docs/performance.md`).

use crate::text::Span;

#[cfg(test)]
thread_local! {
    /// Set by the tests that compare what one thread finds with what two find.
    pub static ONE_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Below this many bytes the paragraphs are read on one thread.
const MIN_BYTES: usize = 8 * 1024;

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

/// The thread that takes second halves, started on first use; `None` when none could be.
/// It is a pool of its own, not rayon's global one, so that a keystroke's analysis never
/// waits behind the reports a workspace index or `dossier check` reads there.
fn helper() -> Option<&'static rayon::ThreadPool> {
    static HELPER: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    HELPER
        .get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "dossier-analysis".into())
                .build()
                .ok()
        })
        .as_ref()
}

/// Runs `here` on this thread and `there` on the helper thread at the same time, and returns
/// both results. A panic on either is resumed here, as if both had run on this thread. On a
/// thread of a rayon pool (a workspace index, `dossier check`), whose reports already keep
/// every core busy, or with no helper, `there` runs here after `here`; and when the helper is
/// still busy with another report's half once `here` is done, this thread takes `there` back.
pub fn join<A, B: Send>(here: impl FnOnce() -> A, there: impl FnOnce() -> B + Send) -> (A, B) {
    // The second closure waits in a slot that whichever thread runs it empties, so that it
    // runs once, on the helper if the helper gets to it first, else here.
    let slot = std::sync::Mutex::new(Some(there));
    let run = || slot.lock().ok().and_then(|mut s| s.take()).map(|f| f());
    let helper = helper().filter(|_| rayon::current_thread_index().is_none());
    let (a, here_b, there_b) = match helper {
        Some(pool) => {
            let mut there_b = None;
            let (a, here_b) = pool.in_place_scope(|scope| {
                scope.spawn(|_| there_b = run());
                let a = here();
                // A helper still busy elsewhere has not emptied the slot: take it back.
                (a, run())
            });
            (a, here_b, there_b)
        }
        None => {
            let a = here();
            (a, run(), None)
        }
    };
    match here_b.or(there_b) {
        Some(b) => (a, b),
        // The slot is emptied once, by the thread that then runs `there`, and no lock is held
        // while it runs; the scope ends only once the helper's job has returned.
        None => unreachable!("the second half ran nowhere"),
    }
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
        assert_eq!(split(&paras[..3]), None, "6 KB stay on one thread");
        assert_eq!(split(&paras[..5]), Some(2), "10 KB are cut");
        assert_eq!(
            split(&[Span::new(0, 1 << 20)]),
            None,
            "one paragraph is not cut"
        );
        assert_eq!(split(&[]), None);
    }

    /// Waits, up to a few seconds, until `flag` is set.
    fn wait_for(flag: &std::sync::atomic::AtomicBool) {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !flag.load(std::sync::atomic::Ordering::SeqCst) && std::time::Instant::now() < until {
            std::thread::yield_now();
        }
    }

    #[test]
    fn both_halves_run_and_come_back_in_order() {
        let here = std::thread::current().id();
        let started = std::sync::atomic::AtomicBool::new(false);
        let (a, b) = join(
            || {
                // The second half can only be taken back once this one is done.
                wait_for(&started);
                (std::thread::current().id(), 1)
            },
            || {
                started.store(true, std::sync::atomic::Ordering::SeqCst);
                (std::thread::current().id(), 2)
            },
        );
        assert_eq!((a.0, a.1, b.1), (here, 1, 2));
        assert_ne!(b.0, here, "the second half runs on the helper");
        let again_started = std::sync::atomic::AtomicBool::new(false);
        let (_, again) = join(
            || wait_for(&again_started),
            || {
                again_started.store(true, std::sync::atomic::Ordering::SeqCst);
                std::thread::current().id()
            },
        );
        assert_eq!(
            again, b.0,
            "on the same helper, not a thread of its own each time"
        );
    }

    #[test]
    fn a_busy_helper_hands_the_second_half_back() {
        let pool = helper().expect("a helper thread");
        let (release, wait) = std::sync::mpsc::channel::<()>();
        pool.spawn(move || {
            let _ = wait.recv_timeout(std::time::Duration::from_secs(10));
        });
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let _ = release.send(());
        });
        let here = std::thread::current().id();
        let (a, b) = join(|| 1, || std::thread::current().id());
        assert_eq!(
            (a, b),
            (1, here),
            "run here, not queued behind the busy helper"
        );
        releaser.join().expect("released");
    }

    #[test]
    fn on_a_rayon_thread_both_halves_run_there() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool");
        let (a, b) = pool.install(|| {
            join(
                || std::thread::current().id(),
                || std::thread::current().id(),
            )
        });
        assert_eq!(a, b);
    }

    #[test]
    fn a_panic_in_either_half_reaches_the_caller() {
        let started = std::sync::atomic::AtomicBool::new(false);
        let on_helper = std::panic::catch_unwind(|| {
            join(
                || wait_for(&started),
                || -> i32 {
                    started.store(true, std::sync::atomic::Ordering::SeqCst);
                    panic!("second half")
                },
            )
        });
        let payload = on_helper.expect_err("the panic is resumed");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"second half"));
        let first = std::panic::catch_unwind(|| join(|| -> i32 { panic!("first half") }, || 2));
        let payload = first.expect_err("the panic is resumed");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"first half"));
    }
}
