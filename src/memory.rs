//! The process allocator the binary installs: the system allocator, plus a memory budget for
//! the threads that render templates.
//!
//! Clause and letter templates may come from company folders, and tera can build large
//! values in memory before anything reaches the capped output (an array of references to
//! one long text, printed or joined). Static checks refuse the known ways; this is the
//! bound for the rest. A thread with a budget that asks for more memory than it has left is
//! stopped inside the allocator, before the memory is taken: it raises its flag and sleeps
//! until the process ends (a thread cannot be unwound from an allocator). The watchdog that
//! waits for the thread sees the flag and reports the template; nothing is written.
//!
//! The binary installs it as the global allocator (`src/main.rs`). A program that links the
//! library without installing it gets no memory budget: `Budget` then only records numbers
//! nobody checks, and the other bounds (static checks, output cap, time) still hold.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The system allocator with per-thread budgets (see the module documentation).
pub struct Budgeted;

/// No budget.
const NONE: usize = usize::MAX;

thread_local! {
    // `const`-initialised `Cell`s with no destructor: reading them never allocates, so the
    // allocator may use them.
    static LEFT: Cell<usize> = const { Cell::new(NONE) };
    static CAP: Cell<usize> = const { Cell::new(NONE) };
    static FLAG: Cell<*const AtomicBool> = const { Cell::new(std::ptr::null()) };
}

// The binary installs `Budgeted` (`src/main.rs`); the library does not force it on tests,
// benches and fuzz targets. This crate's own unit tests install it to test the real thing.
#[cfg(test)]
#[global_allocator]
static ALLOCATOR: Budgeted = Budgeted;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// bookkeeping before it never allocates and never unwinds.
unsafe impl GlobalAlloc for Budgeted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        charge(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        charge(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        refund(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            charge(new_size - layout.size());
        } else {
            refund(layout.size() - new_size);
        }
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn charge(bytes: usize) {
    let over = LEFT
        .try_with(|l| match l.get() {
            NONE => false,
            left if bytes <= left => {
                l.set(left - bytes);
                false
            }
            _ => true,
        })
        .unwrap_or(false);
    if over {
        stop();
    }
}

fn refund(bytes: usize) {
    let _ = LEFT.try_with(|l| {
        let left = l.get();
        if left != NONE {
            // Memory allocated before the budget started may be freed under it.
            let cap = CAP.try_with(Cell::get).unwrap_or(NONE);
            l.set(left.saturating_add(bytes).min(cap));
        }
    });
}

#[cold]
fn stop() -> ! {
    let _ = FLAG.try_with(|f| {
        let flag = f.get();
        if !flag.is_null() {
            // SAFETY: `Budget` keeps the flag alive while the pointer is set, and a stopped
            // thread never drops its `Budget`.
            unsafe { (*flag).store(true, Ordering::SeqCst) };
        }
    });
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

/// A memory budget on the current thread, from `start` until dropped.
pub struct Budget {
    /// Keeps the flag alive while the thread-local pointer to it is set.
    _flag: Arc<AtomicBool>,
}

impl Budget {
    /// Lets the current thread allocate at most `bytes` more (net of what it frees). If it
    /// asks for more, `flag` is raised and the thread stops for good.
    pub fn start(bytes: usize, flag: Arc<AtomicBool>) -> Budget {
        FLAG.with(|f| f.set(Arc::as_ptr(&flag)));
        CAP.with(|c| c.set(bytes));
        LEFT.with(|l| l.set(bytes));
        Budget { _flag: flag }
    }

    /// Whether a thread ran out of the budget behind `flag`.
    pub fn exceeded(flag: &AtomicBool) -> bool {
        flag.load(Ordering::SeqCst)
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        LEFT.with(|l| l.set(NONE));
        CAP.with(|c| c.set(NONE));
        FLAG.with(|f| f.set(std::ptr::null()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_over_its_budget_stops_and_says_so() {
        let flag = Arc::new(AtomicBool::new(false));
        let (tx, rx) = std::sync::mpsc::channel();
        let f = flag.clone();
        std::thread::spawn(move || {
            let _budget = Budget::start(8 << 20, f);
            // Within the budget, and memory freed is memory to spend again.
            for _ in 0..10 {
                drop(vec![1u8; 6 << 20]);
            }
            tx.send("within").unwrap();
            let big = vec![1u8; 16 << 20];
            tx.send("over").unwrap();
            drop(big);
        });
        assert_eq!(rx.recv().unwrap(), "within");
        let waited = std::time::Instant::now();
        while !Budget::exceeded(&flag) {
            assert!(waited.elapsed() < std::time::Duration::from_secs(5));
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        // The thread never got its 16 MiB.
        assert!(rx
            .recv_timeout(std::time::Duration::from_millis(100))
            .is_err());
    }

    #[test]
    fn other_threads_have_no_budget() {
        let flag = Arc::new(AtomicBool::new(false));
        let f = flag.clone();
        std::thread::spawn(move || {
            let budget = Budget::start(1 << 20, f);
            drop(budget);
            // The budget ended with its guard.
            drop(vec![1u8; 4 << 20]);
        })
        .join()
        .unwrap();
        drop(vec![1u8; 4 << 20]);
        assert!(!Budget::exceeded(&flag));
    }
}
