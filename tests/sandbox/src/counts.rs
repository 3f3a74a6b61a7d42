//! How many requests reached each operation, so a test can prove a POST was sent once.

use std::collections::HashMap;

use axum::http::Method;
use serde_json::{Map, Value};

/// The eleven operations of the spec, by their `operationId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    CreateWorkspace,
    ListWorkspaces,
    GetWorkspace,
    UpdateWorkspace,
    DeleteWorkspace,
    CreateKeys,
    ListKeys,
    GetKey,
    UpdateKeys,
    DeleteKeys,
    GetCurrentKey,
}

/// How many operations there are: the length of each row of counts.
const OPERATIONS: usize = Operation::ALL.len();

impl Operation {
    const ALL: [Operation; 11] = [
        Operation::CreateWorkspace,
        Operation::ListWorkspaces,
        Operation::GetWorkspace,
        Operation::UpdateWorkspace,
        Operation::DeleteWorkspace,
        Operation::CreateKeys,
        Operation::ListKeys,
        Operation::GetKey,
        Operation::UpdateKeys,
        Operation::DeleteKeys,
        Operation::GetCurrentKey,
    ];

    /// The spec's `operationId`, also the key in `/_sandbox/counts`.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Operation::CreateWorkspace => "create-workspace",
            Operation::ListWorkspaces => "list-workspaces",
            Operation::GetWorkspace => "get-workspace",
            Operation::UpdateWorkspace => "update-workspace",
            Operation::DeleteWorkspace => "delete-workspace",
            Operation::CreateKeys => "create-keys",
            Operation::ListKeys => "list-keys",
            Operation::GetKey => "get-key",
            Operation::UpdateKeys => "update-keys",
            Operation::DeleteKeys => "delete-keys",
            Operation::GetCurrentKey => "get-current-key",
        }
    }

    /// Whether only the management key may call it. Any valid key may describe itself.
    pub(crate) fn needs_management_key(self) -> bool {
        self != Operation::GetCurrentKey
    }

    /// The operation a matched route and method stand for (HEAD counts as the GET it mirrors).
    pub(crate) fn of_route(method: &Method, route: &str) -> Option<Operation> {
        use crate::routes::{CURRENT_KEY, KEY, KEYS, WORKSPACE, WORKSPACES};
        let get = method == Method::GET || method == Method::HEAD;
        match route {
            WORKSPACES if method == Method::POST => Some(Operation::CreateWorkspace),
            WORKSPACES if get => Some(Operation::ListWorkspaces),
            WORKSPACE if get => Some(Operation::GetWorkspace),
            WORKSPACE if method == Method::PATCH => Some(Operation::UpdateWorkspace),
            WORKSPACE if method == Method::DELETE => Some(Operation::DeleteWorkspace),
            KEYS if method == Method::POST => Some(Operation::CreateKeys),
            KEYS if get => Some(Operation::ListKeys),
            KEY if get => Some(Operation::GetKey),
            KEY if method == Method::PATCH => Some(Operation::UpdateKeys),
            KEY if method == Method::DELETE => Some(Operation::DeleteKeys),
            CURRENT_KEY if get => Some(Operation::GetCurrentKey),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Request counts per operation, for all requests and per fault `key` label.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    all: [u64; OPERATIONS],
    by_key: HashMap<String, [u64; OPERATIONS]>,
}

impl Counts {
    /// Counts one request to `operation`, under its fault `key` label too when it has one.
    pub(crate) fn record(&mut self, operation: Operation, key: Option<&str>) {
        self.all[operation.index()] += 1;
        if let Some(key) = key {
            self.by_key.entry(key.to_owned()).or_default()[operation.index()] += 1;
        }
    }

    /// `{"create-workspace": n, ...}` for all requests, or only those labelled `key`.
    pub(crate) fn report(&self, key: Option<&str>) -> Value {
        let counts = match key {
            None => self.all,
            Some(key) => self.by_key.get(key).copied().unwrap_or_default(),
        };
        let report: Map<String, Value> = Operation::ALL
            .into_iter()
            .map(|operation| (operation.id().to_owned(), counts[operation.index()].into()))
            .collect();
        Value::Object(report)
    }
}
