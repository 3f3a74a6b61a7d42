//! The pager object over the core's `WorkspacePager` state machine.

use modelgates_core as core;
use tokio::sync::Mutex;

use crate::driver::Driver;
use crate::error::ModelGatesError;
use crate::models::Workspace;

/// Why a pager stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PagerStop {
    /// Every workspace was fetched.
    Complete,
    /// A page came back empty before the total was reached.
    EmptyPage,
    /// A page was shorter than asked for.
    ShortPage,
    /// The total changed between pages; stopping avoids skipping or repeating items.
    TotalChanged,
    /// Stopped by the caller or after an error.
    Stopped,
}

impl From<core::StopReason> for PagerStop {
    fn from(reason: core::StopReason) -> Self {
        match reason {
            core::StopReason::Complete => PagerStop::Complete,
            core::StopReason::EmptyPage => PagerStop::EmptyPage,
            core::StopReason::ShortPage => PagerStop::ShortPage,
            core::StopReason::TotalChanged => PagerStop::TotalChanged,
            core::StopReason::Stopped => PagerStop::Stopped,
        }
    }
}

/// Walks every workspace, one page per [`WorkspacePager::next_page`].
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
    /// The next page's workspaces (never one seen before), or null once the walk is over.
    /// After an error the pager stops.
    pub async fn next_page(&self) -> Result<Option<Vec<Workspace>>, ModelGatesError> {
        let mut pager = self.pager.lock().await;
        let Some(call) = pager.next_call() else {
            return Ok(None);
        };
        let page = match call {
            Ok(call) => self.driver.run(call).await,
            Err(error) => Err(error.into()),
        };
        match page {
            Ok(page) => Ok(Some(pager.handle_page(page))),
            Err(error) => {
                pager.stop();
                Err(error)
            }
        }
    }

    /// Ends the walk early.
    pub async fn stop(&self) {
        self.pager.lock().await.stop();
    }

    /// Why the pager stopped, once it has.
    pub async fn stop_reason(&self) -> Option<PagerStop> {
        self.pager.lock().await.stop_reason().map(PagerStop::from)
    }

    /// `total_count` as the last page reported it.
    pub async fn total_count(&self) -> Option<u64> {
        self.pager.lock().await.total_count()
    }
}
