//! A stateful local ModelGates management API server, for tests, demos and trying an app
//! without an account.
//!
//! It serves the eleven operations of `api/openapi.yaml` (workspaces and API keys) under
//! `/api/v1`, keeps its state in memory, and follows `api/CONSTRAINTS.md` and the spec's
//! "Project decision" comments. It is written from
//! the spec alone, independently of the SDK, so that the SDK can be checked against it. Tests
//! can also ask it for faults (`X-Sandbox-Fault`) and read how many requests it got
//! (`GET /_sandbox/counts`); the crate's README describes both.
//!
//! In-process, from code with no async runtime of its own:
//!
//! ```
//! use modelgates_sandbox::{Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start(SandboxConfig::new("sk-mg-my-test-key"))?;
//! let base_url = sandbox.base_url(); // "http://127.0.0.1:PORT/api/v1"
//! assert!(base_url.ends_with("/api/v1"));
//! sandbox.shutdown();
//! # Ok::<(), std::io::Error>(())
//! ```
#![warn(missing_docs)]

mod auth;
mod body;
mod clock;
mod cors;
mod counts;
mod error;
mod faults;
mod model;
mod routes;
mod secret;
mod server;
mod state;
mod validate;

use std::fmt;
use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::thread::JoinHandle;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use model::SANDBOX_USER_ID;

/// Where the API lives on the sandbox's origin, as on the real one (`https://modelgates.ai/api/v1`).
pub const API_PREFIX: &str = "/api/v1";

/// The request header that asks the sandbox for a fault, e.g. `status=503;times=2;key=abc`.
pub const FAULT_HEADER: &str = "x-sandbox-fault";

/// How to run a sandbox.
#[derive(Clone)]
pub struct SandboxConfig {
    /// Address to listen on; `127.0.0.1` unless set.
    pub host: IpAddr,
    /// Port to listen on; `0` picks a free one.
    pub port: u16,
    /// The key every operation needs, sent as `Authorization: Bearer <key>`.
    pub management_key: String,
    /// A key that is recognised but is not a management key: it gets 403 instead of 401, except
    /// on `GET /key`, where it may describe itself.
    pub restricted_key: Option<String>,
}

impl SandboxConfig {
    /// Listens on a free port of `127.0.0.1`, accepts `management_key`, has no restricted key.
    pub fn new(management_key: impl Into<String>) -> Self {
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            management_key: management_key.into(),
            restricted_key: None,
        }
    }

    /// Checks the keys: an empty one would make `Bearer ` the password. [`Sandbox::start`]
    /// and [`serve`] call this too.
    pub fn validate(&self) -> io::Result<()> {
        let empty = |key: &str| key.trim().is_empty();
        if empty(&self.management_key) || self.restricted_key.as_deref().is_some_and(empty) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the sandbox's management and restricted keys must not be empty",
            ));
        }
        Ok(())
    }
}

/// Keys are secrets even in a sandbox: Debug shows whether they are set, not what they are.
impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("management_key", &"<redacted>")
            .field(
                "restricted_key",
                &self.restricted_key.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// A sandbox running on a background thread with its own tokio runtime, for callers that
/// have no runtime of their own. It stops on [`Sandbox::shutdown`] or when dropped.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox and returns once it is listening, so requests can be sent at once.
    pub fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        config.validate()?;
        // Bind here rather than on the thread, so a taken port is an error to the caller.
        let listener = std::net::TcpListener::bind((config.host, config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let listener = {
            // The socket joins the reactor of the runtime that is entered.
            let _entered = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("modelgates-sandbox-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let shutdown = async {
                        // A dropped sender (the Sandbox is gone) also means stop.
                        let _ = stopped.await;
                    };
                    // The config was checked above, so serving cannot fail to start.
                    let _ = serve(listener, config, shutdown).await;
                });
            })?;
        Ok(Sandbox {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The API's base URL, e.g. `http://127.0.0.1:40123/api/v1`.
    pub fn base_url(&self) -> String {
        format!("{}{API_PREFIX}", self.origin())
    }

    /// The server's origin, e.g. `http://127.0.0.1:40123`, where `/_sandbox/...` lives.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the sandbox listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, lets requests in flight finish (for a few seconds at most), and waits
    /// for the background thread to end. Dropping the sandbox does the same.
    pub fn shutdown(self) {
        drop(self);
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panic on the server thread has already been printed; nothing to add here.
            let _ = thread.join();
        }
    }
}

/// Serves the sandbox on `listener` until `shutdown` completes, then lets requests in flight
/// finish (for a few seconds at most). `config.host` and `config.port` are not used: the
/// listener is already bound. Fails only if the config is unusable (an empty key).
pub async fn serve(
    listener: TcpListener,
    config: SandboxConfig,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    config.validate()?;
    let state = Arc::new(state::AppState::new(
        config.management_key,
        config.restricted_key,
    ));
    server::run(listener, routes::app(state), shutdown).await;
    Ok(())
}

/// A fresh random management key, `sk-mg-sandbox-` and 32 hex digits, for a sandbox that was
/// given none. Fails only if the operating system has no random source to offer.
pub fn generate_management_key() -> io::Result<String> {
    secret::new_management_key().map_err(io::Error::from)
}
