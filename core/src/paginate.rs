//! Walking every workspace, page by page, as a state machine of its own: it hands out one list
//! [`Call`] at a time and decides from each page whether there is another.

use std::collections::HashSet;

use crate::api::workspaces::{ListWorkspacesRequest, Workspace, WorkspacePage};
use crate::call::Call;
use crate::client::Client;
use crate::error::Error;
use crate::validate;

/// Why a [`WorkspacePager`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// Every workspace in `total_count` was fetched.
    Complete,
    /// A page came back empty before `total_count` was reached.
    EmptyPage,
    /// A page held fewer items than asked for: the server has no more.
    ShortPage,
    /// `total_count` changed between pages (workspaces were created or deleted meanwhile), so
    /// offsets no longer line up; stopping avoids skipping or repeating items silently.
    TotalChanged,
    /// The driver stopped it (after an error, or because it had seen enough).
    Stopped,
}

/// Pages through list-workspaces with offset/limit until `total_count` items have been seen.
#[derive(Debug)]
pub struct WorkspacePager {
    client: Client,
    page_size: u32,
    offset: u64,
    total_count: Option<u64>,
    seen: HashSet<String>,
    stopped: Option<StopReason>,
}

impl WorkspacePager {
    /// The default (and largest) page size.
    pub const DEFAULT_PAGE_SIZE: u32 = validate::MAX_PAGE_SIZE;

    pub(crate) fn new(client: Client, page_size: Option<u32>) -> Result<Self, Error> {
        let page_size = page_size.unwrap_or(Self::DEFAULT_PAGE_SIZE);
        validate::page_size("page_size", page_size)?;
        Ok(WorkspacePager {
            client,
            page_size,
            offset: 0,
            total_count: None,
            seen: HashSet::new(),
            stopped: None,
        })
    }

    /// The call for the next page, or `None` once the pager has stopped.
    pub fn next_call(&mut self) -> Option<Result<Call<WorkspacePage>, Error>> {
        if self.stopped.is_some() {
            return None;
        }
        let Ok(offset) = u32::try_from(self.offset) else {
            self.stopped = Some(StopReason::Complete);
            return None;
        };
        Some(self.client.list_workspaces(ListWorkspacesRequest {
            offset: Some(offset),
            limit: Some(self.page_size),
        }))
    }

    /// Takes the page the last call returned and gives back its workspaces not seen before.
    pub fn handle_page(&mut self, page: WorkspacePage) -> Vec<Workspace> {
        let received = page.data.len() as u64;
        let changed = self
            .total_count
            .is_some_and(|total| total != page.total_count);
        self.total_count = Some(page.total_count);
        self.offset += received;

        self.stopped = if changed {
            Some(StopReason::TotalChanged)
        } else if received == 0 && self.offset < page.total_count {
            Some(StopReason::EmptyPage)
        } else if self.offset >= page.total_count {
            Some(StopReason::Complete)
        } else if received < u64::from(self.page_size) {
            Some(StopReason::ShortPage)
        } else {
            None
        };
        page.data
            .into_iter()
            .filter(|workspace| self.seen.insert(workspace.id.clone()))
            .collect()
    }

    /// Ends the walk early (after an error, or when the caller has seen enough).
    pub fn stop(&mut self) {
        self.stopped.get_or_insert(StopReason::Stopped);
    }

    /// Why the pager stopped, once it has.
    pub fn stop_reason(&self) -> Option<StopReason> {
        self.stopped
    }

    /// `total_count` as the last page reported it.
    pub fn total_count(&self) -> Option<u64> {
        self.total_count
    }
}
