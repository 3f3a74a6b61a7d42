//! How many requests reached each operation, so a test can prove a POST was sent once.

use std::collections::HashMap;

use axum::http::Method;
use serde_json::{Map, Value};

/// The five operations of the spec, by their `operationId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    CreateWorkspace,
    ListWorkspaces,
    GetWorkspace,
    UpdateWorkspace,
    CreateKeys,
}

impl Operation {
    const ALL: [Operation; 5] = [
        Operation::CreateWorkspace,
        Operation::ListWorkspaces,
        Operation::GetWorkspace,
        Operation::UpdateWorkspace,
        Operation::CreateKeys,
    ];

    /// The spec's `operationId`, also the key in `/_sandbox/counts`.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Operation::CreateWorkspace => "create-workspace",
            Operation::ListWorkspaces => "list-workspaces",
            Operation::GetWorkspace => "get-workspace",
            Operation::UpdateWorkspace => "update-workspace",
            Operation::CreateKeys => "create-keys",
        }
    }

    /// The operation a matched route and method stand for (HEAD counts as the GET it mirrors).
    pub(crate) fn of_route(method: &Method, route: &str) -> Option<Operation> {
        use crate::routes::{KEYS, WORKSPACE, WORKSPACES};
        let get = method == Method::GET || method == Method::HEAD;
        match route {
            WORKSPACES if method == Method::POST => Some(Operation::CreateWorkspace),
            WORKSPACES if get => Some(Operation::ListWorkspaces),
            WORKSPACE if get => Some(Operation::GetWorkspace),
            WORKSPACE if method == Method::PATCH => Some(Operation::UpdateWorkspace),
            KEYS if method == Method::POST => Some(Operation::CreateKeys),
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
    all: [u64; 5],
    by_key: HashMap<String, [u64; 5]>,
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
