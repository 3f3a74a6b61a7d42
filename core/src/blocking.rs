//! A blocking client over [attohttpc]: the reference driver of the [`crate::Call`] loop, for Rust programs,
//! the example and the end-to-end tests. Enabled by the `blocking` feature.

use crate::prelude::*;

use std::io::Read;

use attohttpc::header::{HeaderName, HeaderValue};
use std::time::Instant;

use crate::api::Endpoint;
use crate::call::{Action, Machine};
use crate::client::Client;
use crate::config::Config;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, TransportError, TransportErrorKind};
use crate::paginate::{Keys, Listing, Pager, Workspaces};
use crate::{ListKeysRequest, LogLevel, Workspace};

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

    /// A client for some calls with other settings ([`Client::with_options`]).
    pub fn with_options(&self, options: crate::CallOptions) -> Result<Self, Error> {
        Ok(BlockingClient {
            client: self.client.with_options(options)?,
            origin: self.origin,
        })
    }

    /// The underlying sans-IO client.
    pub fn core(&self) -> &Client {
        &self.client
    }

    /// Validates, sends (retrying as the policy says) and decodes one endpoint call.
    pub fn execute<E: Endpoint>(&self, endpoint: E) -> Result<E::Output, Error> {
        self.drive(&mut self.client.call(endpoint)?)
    }

    /// [`BlockingClient::execute`], with the answer the result came in (status, headers,
    /// request id).
    pub fn execute_with_response<E: Endpoint>(
        &self,
        endpoint: E,
    ) -> Result<(E::Output, crate::ResponseInfo), Error> {
        let mut call = self.client.call(endpoint)?;
        let value = self.drive(&mut call)?;
        let info = call
            .response()
            .cloned()
            .ok_or_else(|| Error::internal("a call succeeded without an answer"))?;
        Ok((value, info))
    }

    /// Runs a call (or one step of a walk) to completion.
    pub fn drive<M: Machine>(&self, machine: &mut M) -> Result<M::Output, Error> {
        loop {
            let action = machine.next_action(self.origin.elapsed());
            // The core's lines go to the `log` facade, target `modelgates`.
            for line in machine.take_log() {
                let level = match line.level {
                    LogLevel::Debug => log::Level::Debug,
                    LogLevel::Info => log::Level::Info,
                    LogLevel::Warn => log::Level::Warn,
                };
                log::log!(target: "modelgates", level, "{}", line.message);
            }
            match action {
                Action::Send(request) => match self.send(&request) {
                    Ok(response) => machine.handle_response(response),
                    Err(failure) => machine.handle_transport_error(failure),
                },
                Action::Wait(duration) => std::thread::sleep(duration),
                Action::Done(result) => return result,
            }
        }
    }

    /// Every workspace, walking the pages `page_size` (1 to 100, default 100) at a time.
    pub fn list_all_workspaces(&self, page_size: Option<u32>) -> Result<Vec<Workspace>, Error> {
        self.workspaces(page_size)?.collect()
    }

    /// Every workspace as an iterator, fetching pages `page_size` (1 to 100, default 100) at a
    /// time as it goes. After an `Err` the walk is not over: `next` retries the failed page.
    pub fn workspaces(&self, page_size: Option<u32>) -> Result<Walk<'_, Workspaces>, Error> {
        Ok(Walk {
            client: self,
            pager: self.client.workspace_pager(page_size)?,
            batch: Vec::new().into_iter(),
        })
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
            .follow_redirects(request.follow_redirects);
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

impl BlockingClient {
    /// Every API key of a workspace as an iterator (`filters`: which keys, from which
    /// workspace), page after page until a page is empty. After an `Err` the walk is not over:
    /// `next` retries the failed page.
    pub fn keys(&self, filters: ListKeysRequest) -> Result<Walk<'_, Keys>, Error> {
        Ok(Walk {
            client: self,
            pager: self.client.key_pager(filters)?,
            batch: Vec::new().into_iter(),
        })
    }
}

/// A walk over a whole list, item by item (see [`Pager`] for its rules).
pub struct Walk<'a, L: Listing> {
    client: &'a BlockingClient,
    pager: Pager<L>,
    batch: std::vec::IntoIter<L::Item>,
}

impl<L: Listing> std::fmt::Debug for Walk<'_, L> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walk")
            .field("pager", &self.pager)
            .finish_non_exhaustive()
    }
}

impl<L: Listing> Walk<'_, L> {
    /// The pager underneath (its `total_count`, or to stop it).
    pub fn pager(&mut self) -> &mut Pager<L> {
        &mut self.pager
    }
}

impl<L: Listing> Iterator for Walk<'_, L> {
    type Item = Result<L::Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.batch.next() {
            return Some(Ok(item));
        }
        match self.client.drive(&mut self.pager) {
            Ok(Some(batch)) => {
                self.batch = batch.into_iter();
                self.batch.next().map(Ok)
            }
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        }
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
