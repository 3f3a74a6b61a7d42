//! The pager objects over the core's `Pager` state machine, which decides every page. uniffi
//! objects cannot be generic, so `pager!` writes one per list.

use modelgates_core as core;
use tokio::sync::Mutex;

use crate::driver::Driver;
use crate::error::ModelGatesError;

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
        }

        impl $name {
            pub(crate) fn new(pager: $core, driver: Driver) -> Self {
                $name {
                    pager: Mutex::new(pager),
                    driver,
                }
            }
        }

        #[uniffi::export(async_runtime = "tokio")]
        impl $name {
            /// The next items (never one seen before, never an empty list), or null once the
            /// walk is over.
            pub async fn next_page(&self) -> Result<Option<Vec<$item>>, ModelGatesError> {
                let mut pager = self.pager.lock().await;
                self.driver.run(&mut *pager).await
            }

            /// Ends the walk early: `next_page` gives null from now on.
            pub async fn stop(&self) {
                self.pager.lock().await.stop();
            }

            /// Whether the walk is over.
            pub async fn is_finished(&self) -> bool {
                self.pager.lock().await.is_finished()
            }

            /// `total_count` as the last page reported it (lists that report one).
            pub async fn total_count(&self) -> Option<u64> {
                self.pager.lock().await.total_count()
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
