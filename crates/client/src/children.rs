//! Running work in every child account of a parent account, a few at a time.
//!
//! [`Client::for_each_child`] and [`BlockingClient::for_each_child`] list the child accounts
//! (`ListChildAccounts`, every page), then run the caller's closure once per child with a
//! child client ([`Client::child`]: it shares the parent's transport and connection pool and
//! mints its proxy token on first use), at most `limit` at a time. One child's error is that
//! child's [`ChildOutcome`]; it does not stop the others. Only a failure to list the children
//! fails the whole call.

use core::future::Future;
use core::pin::Pin;
use core::task::Poll;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use linode_requests::account::ListChildAccounts;
use linode_requests::models::account::ChildAccount;
use linode_requests::Error;

use crate::transport::{BlockingTransport, Transport};
use crate::{BlockingClient, Client};

/// What the closure gave for one child account.
#[derive(Debug)]
#[non_exhaustive]
pub struct ChildOutcome<R> {
    /// The child account's euuid.
    pub euuid: String,
    /// The closure's result for it (an error is this child's alone).
    pub result: Result<R, Error>,
}

impl<T: Transport + 'static> Client<T> {
    /// Runs `work` in every child account of this (parent) account, at most `limit` at a
    /// time (at least one), each with a child client sharing this client's transport; the
    /// outcomes come back in the order the API lists the children. Runs on any executor: the
    /// closures' futures are polled by the returned future, nothing is spawned.
    ///
    /// Fails only if the child accounts cannot be listed (the token needs
    /// `child_account:read_only`, and the account must be a parent).
    ///
    /// ```no_run
    /// use linode_client::{Client, Transport};
    /// use linode_requests::account::GetAccount;
    ///
    /// async fn balances<T: Transport + 'static>(
    ///     parent: &Client<T>,
    /// ) -> Result<(), linode_requests::Error> {
    ///     let outcomes = parent
    ///         .for_each_child(4, |child, _account| async move {
    ///             Ok(child.send(&GetAccount).await?.balance)
    ///         })
    ///         .await?;
    ///     for outcome in outcomes {
    ///         match outcome.result {
    ///             Ok(balance) => println!("{}: {balance}", outcome.euuid),
    ///             Err(e) => eprintln!("{}: {e}", outcome.euuid),
    ///         }
    ///     }
    ///     Ok(())
    /// }
    /// ```
    pub async fn for_each_child<F, Fut, R>(
        &self,
        limit: usize,
        mut work: F,
    ) -> Result<Vec<ChildOutcome<R>>, Error>
    where
        F: FnMut(Client<T>, ChildAccount) -> Fut,
        Fut: Future<Output = Result<R, Error>>,
    {
        let mut accounts = Vec::new();
        let mut listed = self.items(ListChildAccounts::default());
        while let Some(account) = listed.next().await {
            accounts.push(account?);
        }
        let euuids: Vec<String> = accounts.iter().map(|a| a.euuid.clone()).collect();
        let mut results = Vec::with_capacity(euuids.len());
        let limit = limit.max(1);
        let mut pending = accounts.into_iter().enumerate();
        let mut in_flight: Vec<(usize, Pin<Box<Fut>>)> = Vec::with_capacity(limit);
        // A small join of at most `limit` futures: every wake polls the ones in flight (a
        // handful), which keeps this runtime-free without a futures-util dependency.
        core::future::poll_fn(|cx| loop {
            while in_flight.len() < limit {
                let Some((at, account)) = pending.next() else {
                    break;
                };
                let child = self.child(account.euuid.clone());
                in_flight.push((at, Box::pin(work(child, account))));
            }
            let before = in_flight.len();
            let mut i = 0;
            while i < in_flight.len() {
                match in_flight[i].1.as_mut().poll(cx) {
                    Poll::Ready(result) => {
                        let (at, _) = in_flight.swap_remove(i);
                        results.push((at, result));
                    }
                    Poll::Pending => i += 1,
                }
            }
            if in_flight.is_empty() && pending.len() == 0 {
                return Poll::Ready(());
            }
            if in_flight.len() == before {
                return Poll::Pending;
            }
        })
        .await;
        Ok(outcomes(euuids, results))
    }
}

impl<T: BlockingTransport + Send + Sync> BlockingClient<T> {
    /// Runs `work` in every child account of this (parent) account on at most `limit`
    /// threads (scoped: all have finished when this returns; at least one), each with a
    /// child client sharing this client's transport; the outcomes come back in the order the
    /// API lists the children. With `limit` 1 the children are worked through in turn on the
    /// calling thread.
    ///
    /// Fails only if the child accounts cannot be listed (the token needs
    /// `child_account:read_only`, and the account must be a parent).
    ///
    /// ```no_run
    /// use linode_client::{BlockingClient, BlockingTransport};
    /// use linode_requests::account::GetAccount;
    ///
    /// fn companies<T: BlockingTransport + Send + Sync>(
    ///     parent: &BlockingClient<T>,
    /// ) -> Result<Vec<String>, linode_requests::Error> {
    ///     let outcomes = parent.for_each_child(4, |child, _account| {
    ///         Ok(child.send(&GetAccount)?.company)
    ///     })?;
    ///     Ok(outcomes.into_iter().filter_map(|o| o.result.ok()).collect())
    /// }
    /// ```
    pub fn for_each_child<F, R>(&self, limit: usize, work: F) -> Result<Vec<ChildOutcome<R>>, Error>
    where
        F: Fn(BlockingClient<T>, ChildAccount) -> Result<R, Error> + Sync,
        R: Send,
    {
        let accounts = self
            .items(ListChildAccounts::default())
            .collect::<Result<Vec<_>, _>>()?;
        let euuids: Vec<String> = accounts.iter().map(|a| a.euuid.clone()).collect();
        let results = Mutex::new(Vec::with_capacity(euuids.len()));
        let accounts: Vec<Mutex<Option<ChildAccount>>> =
            accounts.into_iter().map(|a| Mutex::new(Some(a))).collect();
        let next = AtomicUsize::new(0);
        // Each worker takes the next child until none is left.
        let worker = || loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = accounts.get(at) else {
                break;
            };
            let Some(account) = slot.lock().unwrap_or_else(PoisonError::into_inner).take() else {
                continue;
            };
            let result = work(self.child(account.euuid.clone()), account);
            results
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((at, result));
        };
        let threads = limit.clamp(1, accounts.len().max(1));
        if threads == 1 {
            worker();
        } else {
            std::thread::scope(|scope| {
                for _ in 0..threads {
                    scope.spawn(worker);
                }
            });
        }
        let results = results.into_inner().unwrap_or_else(PoisonError::into_inner);
        Ok(outcomes(euuids, results))
    }
}

/// Puts the results (tagged with the child's place in the list, each place once: a
/// closure that panics takes the whole call down with it) in list order, with their euuids.
fn outcomes<R>(
    euuids: Vec<String>,
    mut results: Vec<(usize, Result<R, Error>)>,
) -> Vec<ChildOutcome<R>> {
    results.sort_unstable_by_key(|(at, _)| *at);
    euuids
        .into_iter()
        .zip(results)
        .map(|(euuid, (_, result))| ChildOutcome { euuid, result })
        .collect()
}
