//! A blocking client over [ureq]: the reference driver of the [`Call`] loop, for Rust programs,
//! the example and the end-to-end tests. Enabled by the `blocking` feature.

use std::time::Instant;

use crate::api::Endpoint;
use crate::call::{Action, Call};
use crate::client::Client;
use crate::config::Config;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, TransportError, TransportErrorKind};
use crate::paginate::WorkspacePager;
use crate::{
    CreateKeyRequest, CreateWorkspaceRequest, CreatedKey, ListWorkspacesRequest,
    UpdateWorkspaceRequest, Workspace, WorkspacePage,
};

/// A blocking ModelGates client.
#[derive(Debug, Clone)]
pub struct BlockingClient {
    client: Client,
    agent: ureq::Agent,
    origin: Instant,
}

impl BlockingClient {
    /// A client for the configuration, with a random jitter seed.
    pub fn new(config: Config) -> Result<Self, Error> {
        let config = config.with_user_agent_suffix(concat!(
            "modelgates-rust-blocking/",
            env!("CARGO_PKG_VERSION")
        ));
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // The core follows no redirects: Authorization must not leak to another host.
            .max_redirects(0)
            .build()
            .into();
        Ok(BlockingClient {
            client: Client::new(config, fastrand::u64(..))?,
            agent,
            origin: Instant::now(),
        })
    }

    /// The underlying sans-IO client.
    pub fn core(&self) -> &Client {
        &self.client
    }

    /// Validates, sends (retrying as the policy says) and decodes one endpoint call.
    pub fn execute<E: Endpoint>(&self, endpoint: E) -> Result<E::Output, Error> {
        self.drive(self.client.call(endpoint)?)
    }

    /// Runs a call to completion.
    pub fn drive<T>(&self, mut call: Call<T>) -> Result<T, Error> {
        loop {
            match call.next_action(self.origin.elapsed()) {
                Action::Send(request) => match self.send(&request) {
                    Ok(response) => call.handle_response(response),
                    Err(failure) => call.handle_transport_error(failure),
                },
                Action::Wait(duration) => std::thread::sleep(duration),
                Action::Done(result) => return result,
            }
        }
    }

    /// `POST /workspaces`
    pub fn create_workspace(&self, request: CreateWorkspaceRequest) -> Result<Workspace, Error> {
        self.drive(self.client.create_workspace(request)?)
    }

    /// `GET /workspaces`: one page.
    pub fn list_workspaces(&self, request: ListWorkspacesRequest) -> Result<WorkspacePage, Error> {
        self.drive(self.client.list_workspaces(request)?)
    }

    /// Every workspace, walking the pages `page_size` at a time.
    pub fn list_all_workspaces(&self, page_size: Option<u32>) -> Result<Vec<Workspace>, Error> {
        let mut pager: WorkspacePager = self.client.workspace_pager(page_size)?;
        let mut all = Vec::new();
        while let Some(call) = pager.next_call() {
            all.extend(pager.handle_page(self.drive(call?)?));
        }
        Ok(all)
    }

    /// `GET /workspaces/{id}`
    pub fn get_workspace(&self, id: &str) -> Result<Workspace, Error> {
        self.drive(self.client.get_workspace(id)?)
    }

    /// `PATCH /workspaces/{id}`
    pub fn update_workspace(
        &self,
        id: &str,
        changes: UpdateWorkspaceRequest,
    ) -> Result<Workspace, Error> {
        self.drive(self.client.update_workspace(id, changes)?)
    }

    /// `POST /keys`
    pub fn create_key(&self, request: CreateKeyRequest) -> Result<CreatedKey, Error> {
        self.drive(self.client.create_key(request)?)
    }

    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let body = request.body.clone().unwrap_or_default().into_bytes();
        let http_request = builder.body(body).map_err(|err| {
            TransportError::new(
                TransportErrorKind::Connect,
                format!("invalid request: {err}"),
            )
        })?;
        let http_request = self
            .agent
            .configure_request(http_request)
            .timeout_global(request.timeout)
            .build();
        let mut response = self.agent.run(http_request).map_err(transport_error)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(name, value)| {
                Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(transport_error)?;
        Ok(HttpResponse::new(status, headers, body))
    }
}

/// Bodies of the management API are small; refuse to buffer a runaway one.
const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

fn transport_error(err: ureq::Error) -> TransportError {
    use ureq::Timeout;
    let kind = match &err {
        ureq::Error::Timeout(Timeout::Resolve | Timeout::Connect) => TransportErrorKind::Connect,
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => TransportErrorKind::Connect,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            TransportErrorKind::Connect
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            TransportErrorKind::Timeout
        }
        _ => TransportErrorKind::Io,
    };
    TransportError::new(kind, err.to_string())
}
