//! The pager objects over the core's `Pager` state machine, which decides every page. uniffi
//! objects cannot be generic, so `pager!` writes one per list.

use modelgates_core as core;
use std::sync::Mutex as StdMutex;

use futures_util::lock::Mutex;

use crate::driver::Driver;
use crate::error::ModelGatesError;

/// What a pager's plain (not `suspend`/`async`) accessors read, so they never wait for a page
/// in flight: updated after each page and by `stop`.
#[derive(Debug, Default)]
struct Progress {
    finished: bool,
    total_count: Option<u64>,
    stop_requested: bool,
}

macro_rules! pager {
    ($(#[$doc:meta])* $name:ident, $core:ty, $item:ty) => {
        $(#[$doc])*
        ///
        /// It never ends early in silence: a short page or a list that changes mid-walk does not
        /// end it (each item comes once), and a page that cannot be right is an error. After an
        /// error the walk is not over: `next_page` retries that page.
        #[derive(uniffi::Object)]
        pub struct $name {
            // Held across the whole page fetch: two concurrent `next_page` calls would ask for
            // the same offset.
            pager: Mutex<$core>,
            driver: Driver,
            progress: StdMutex<Progress>,
        }

        impl $name {
            pub(crate) fn new(pager: $core, driver: Driver) -> Self {
                $name {
                    pager: Mutex::new(pager),
                    driver,
                    progress: StdMutex::new(Progress::default()),
                }
            }

            fn progress(&self) -> std::sync::MutexGuard<'_, Progress> {
                // Only plain fields behind it: a panic elsewhere cannot leave them half-written.
                self.progress.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
            }
        }

        #[uniffi::export]
        impl $name {
            /// The next items (never one seen before, never an empty list), or null once the
            /// walk is over. Cancelled (the coroutine or task), it leaves the walk where it was,
            /// on a blocking transport too: the next call asks for that page again.
            pub async fn next_page(&self) -> Result<Option<Vec<$item>>, ModelGatesError> {
                let mut pager = self.pager.lock().await;
                if self.progress().stop_requested {
                    pager.stop();
                }
                let result = self.driver.walk(&mut *pager).await;
                let mut progress = self.progress();
                progress.finished = pager.is_finished();
                progress.total_count = pager.total_count();
                result
            }

            /// Ends the walk early: `next_page` gives null from now on (a page already in flight
            /// still arrives). Never waits.
            pub fn stop(&self) {
                let mut progress = self.progress();
                progress.stop_requested = true;
                progress.finished = true;
            }

            /// Whether the walk is over. Never waits for a page in flight.
            pub fn is_finished(&self) -> bool {
                self.progress().finished
            }

            /// `total_count` as the last page reported it (lists that report one). Never waits
            /// for a page in flight.
            pub fn total_count(&self) -> Option<i64> {
                // A walk only ever holds a total it could read as a count (0 or more).
                self.progress()
                    .total_count
                    .map(|total| i64::try_from(total).unwrap_or(i64::MAX))
            }
        }
    };
}

pager!(
    /// Walks every workspace, one batch per `next_page`.
    WorkspacePager,
    core::WorkspacePager,
    core::Workspace
);

pager!(
    /// Walks every API key of a workspace, one batch per `next_page`.
    KeyPager,
    core::KeyPager,
    core::ApiKey
);
