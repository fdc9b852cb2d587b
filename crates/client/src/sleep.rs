//! A sleep future that needs no async runtime: a helper thread wakes the task.
//!
//! Used only between retries, so one short-lived thread per wait is cheap enough; transports
//! on a runtime override [`crate::Transport::sleep`] with the runtime's timer.

use std::future::Future;
use std::pin::pin;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Default)]
struct Shared {
    done: bool,
    waker: Option<Waker>,
}

/// Completes after a duration, on any executor.
pub(crate) struct ThreadSleep {
    duration: Duration,
    shared: Option<Arc<Mutex<Shared>>>,
}

impl ThreadSleep {
    pub(crate) fn new(duration: Duration) -> Self {
        Self {
            duration,
            shared: None,
        }
    }
}

impl Future for ThreadSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if this.duration.is_zero() {
            return Poll::Ready(());
        }
        let shared = match &this.shared {
            Some(shared) => shared.clone(),
            None => {
                let shared = Arc::new(Mutex::new(Shared::default()));
                let for_thread = shared.clone();
                let duration = this.duration;
                let spawned = std::thread::Builder::new()
                    .name("linode-retry-sleep".to_owned())
                    .spawn(move || {
                        std::thread::sleep(duration);
                        let mut state = for_thread.lock().unwrap_or_else(PoisonError::into_inner);
                        state.done = true;
                        if let Some(waker) = state.waker.take() {
                            waker.wake();
                        }
                    });
                if spawned.is_err() {
                    // No thread to wait on: better to retry early than to hang forever.
                    return Poll::Ready(());
                }
                this.shared = Some(shared.clone());
                shared
            }
        };
        let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
        if state.done {
            Poll::Ready(())
        } else {
            state.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

/// Runs `work` unless `timer` ends first (then `None`, and `work` is dropped: cancelled).
pub(crate) async fn race<W: Future, D: Future<Output = ()>>(
    work: W,
    timer: D,
) -> Option<W::Output> {
    let mut work = pin!(work);
    let mut timer = pin!(timer);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(out));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}
