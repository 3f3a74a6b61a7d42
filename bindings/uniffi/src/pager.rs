//! The pager object over the core's `Pager` state machine, which decides every page.

use modelgates_core as core;
use tokio::sync::Mutex;

use crate::driver::Driver;
use crate::error::ModelGatesError;
use crate::models::Workspace;

/// Walks every workspace, one batch per [`WorkspacePager::next_page`]. It never ends early in
/// silence: a short page or a list that grows mid-walk does not end it, and a page that cannot
/// be right is an error. After an error the walk is not over: `next_page` retries that page.
#[derive(uniffi::Object)]
pub struct WorkspacePager {
    // Held across the whole page fetch: two concurrent `next_page` calls would ask for the same
    // offset.
    pager: Mutex<core::WorkspacePager>,
    driver: Driver,
}

impl WorkspacePager {
    pub(crate) fn new(pager: core::WorkspacePager, driver: Driver) -> Self {
        WorkspacePager {
            pager: Mutex::new(pager),
            driver,
        }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl WorkspacePager {
    /// The next workspaces (never one seen before, never an empty list), or null once the walk
    /// is over.
    pub async fn next_page(&self) -> Result<Option<Vec<Workspace>>, ModelGatesError> {
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

    /// `total_count` as the last page reported it.
    pub async fn total_count(&self) -> Option<u64> {
        self.pager.lock().await.total_count()
    }
}
