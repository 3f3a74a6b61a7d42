//! A blocking client over [attohttpc]: the reference driver of the [`Call`] loop, for Rust programs,
//! the example and the end-to-end tests. Enabled by the `blocking` feature.

use std::io::Read;

use attohttpc::header::{HeaderName, HeaderValue};
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
    origin: Instant,
}

impl BlockingClient {
    /// A client for the configuration, with a random jitter seed.
    pub fn new(config: Config) -> Result<Self, Error> {
        let config = config.with_user_agent_suffix(concat!(
            "modelgates-rust-blocking/",
            env!("CARGO_PKG_VERSION")
        ));
        Ok(BlockingClient {
            client: Client::new(config, fastrand::u64(..))?,
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
        let refused = |err: attohttpc::Error| {
            TransportError::new(
                TransportErrorKind::Connect,
                format!("invalid request: {err}"),
            )
        };
        let method = attohttpc::Method::from_bytes(request.method.as_str().as_bytes())
            .map_err(|err| TransportError::new(TransportErrorKind::Connect, err.to_string()))?;
        let mut builder = attohttpc::RequestBuilder::try_new(method, &request.url)
            .map_err(refused)?
            // The core follows no redirects: Authorization must not leak to another host.
            .follow_redirects(false);
        for (name, value) in &request.headers {
            let invalid = |what: &str| {
                TransportError::new(
                    TransportErrorKind::Connect,
                    format!("invalid header {what}: {name}"),
                )
            };
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("name"))?;
            let value = HeaderValue::from_str(value).map_err(|_| invalid("value"))?;
            builder = builder.try_header(name, value).map_err(refused)?;
        }
        if let Some(timeout) = request.timeout {
            builder = builder.timeout(timeout);
        }
        let body = request.body.clone().unwrap_or_default().into_bytes();
        let response = builder.bytes(body).send().map_err(transport_error)?;
        let (status, header_map, reader) = response.split();
        let headers = header_map
            .iter()
            .filter_map(|(name, value)| {
                Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned()))
            })
            .collect();
        let mut body = Vec::new();
        reader
            .take(MAX_BODY_BYTES)
            .read_to_end(&mut body)
            .map_err(|err| transport_error(err.into()))?;
        let response = HttpResponse::new(status.as_u16(), headers, body);
        // attohttpc hands back a body cut short by a closed connection as if it were whole.
        let promised = response
            .header("content-length")
            .and_then(|n| n.trim().parse().ok());
        if let Some(promised) = promised.filter(|&n: &u64| (response.body.len() as u64) < n) {
            return Err(TransportError::new(
                TransportErrorKind::Io,
                format!(
                    "the connection closed after {} of {promised} body bytes",
                    response.body.len()
                ),
            ));
        }
        Ok(response)
    }
}

const MAX_BODY_BYTES: u64 = 16 * 1024 * 1024;

fn transport_error(err: attohttpc::Error) -> TransportError {
    use std::io::ErrorKind as Io;
    let kind = match err.kind() {
        attohttpc::ErrorKind::Io(io) => match io.kind() {
            // Refused or unreachable: nothing reached a server, so even a POST may be retried.
            Io::ConnectionRefused | Io::AddrNotAvailable | Io::HostUnreachable => {
                TransportErrorKind::Connect
            }
            // A timeout may come after the request was sent: never proof that it was not.
            Io::TimedOut | Io::WouldBlock => TransportErrorKind::Timeout,
            _ => TransportErrorKind::Io,
        },
        attohttpc::ErrorKind::InvalidUrlHost | attohttpc::ErrorKind::InvalidUrlPort => {
            TransportErrorKind::Connect
        }
        _ => TransportErrorKind::Io,
    };
    TransportError::new(kind, err.to_string())
}
