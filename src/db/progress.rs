//! How far long work on the database has got, shared between the worker doing it and the
//! window showing it; the window can ask the work to stop where stopping is safe.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Steps done of a known number, and a request to stop.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
}

impl Progress {
    /// `done` of `total` steps are done.
    pub fn set(&self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done.min(total), Ordering::Relaxed);
    }

    /// The part done, from 0 to 1; `None` while the number of steps is not known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        #[allow(clippy::cast_precision_loss)]
        (total > 0).then(|| self.done.load(Ordering::Relaxed) as f32 / total as f32)
    }

    /// Asks the work to stop at its next safe point.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether stopping was asked for.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_is_known_only_with_a_total() {
        let p = Progress::default();
        assert_eq!(p.fraction(), None);
        p.set(3, 12);
        assert_eq!(p.fraction(), Some(0.25));
        p.set(20, 12);
        assert_eq!(p.fraction(), Some(1.0), "never more than whole");
        assert!(!p.cancelled());
        p.cancel();
        assert!(p.cancelled());
    }
}
