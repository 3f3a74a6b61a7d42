//! `modelgates-sandbox`: runs the sandbox until SIGINT or SIGTERM.
//!
//! The first line on stdout is the base URL, so a script can start it with `--port 0` and
//! read where it listens.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use modelgates_sandbox::{SandboxConfig, generate_management_key, serve};
use tokio::net::TcpListener;

/// A local ModelGates management API server for tests and demos (state in memory).
#[derive(Debug, Parser)]
#[command(version)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    host: IpAddr,

    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,

    /// The key every operation requires (`Authorization: Bearer <key>`). When not given, a
    /// random one is generated and printed on stderr.
    #[arg(
        long,
        env = "MODELGATES_SANDBOX_MANAGEMENT_KEY",
        hide_env_values = true
    )]
    management_key: Option<String>,

    /// A key that is recognised but refused with 403, as a non-management key would be (it may
    /// still describe itself on GET /key).
    #[arg(
        long,
        env = "MODELGATES_SANDBOX_RESTRICTED_KEY",
        hide_env_values = true
    )]
    restricted_key: Option<String>,

    /// Also write the base URL to this file once listening.
    #[arg(long, value_name = "PATH")]
    url_file: Option<PathBuf>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("modelgates-sandbox: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> io::Result<()> {
    let generated = cli.management_key.is_none();
    let management_key = match cli.management_key {
        Some(key) => key,
        None => generate_management_key()?,
    };
    let config = SandboxConfig {
        host: cli.host,
        port: cli.port,
        management_key,
        restricted_key: cli.restricted_key,
    };
    // Refuse bad keys before announcing a URL that would not work.
    config.validate()?;
    // Handlers first: a script may signal as soon as it has read the URL.
    let stop = stop_signal()?;
    let listener = TcpListener::bind((config.host, config.port)).await?;
    let base_url = format!(
        "http://{}{}",
        listener.local_addr()?,
        modelgates_sandbox::API_PREFIX
    );
    if generated {
        // The sandbox's own throwaway key: printing it is how the user learns it.
        eprintln!("management key: {}", config.management_key);
    }
    if let Some(path) = &cli.url_file {
        write_url_file(path, &base_url)?;
    }
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{base_url}")?;
    stdout.flush()?;
    drop(stdout);

    serve(listener, config, stop).await
}

/// Writes through a temporary file and a rename, so a script polling for the file never
/// reads half a URL.
fn write_url_file(path: &Path, base_url: &str) -> io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    std::fs::write(&temporary, format!("{base_url}\n"))?;
    std::fs::rename(&temporary, path)
}

/// Completes on SIGINT or SIGTERM (Ctrl-C elsewhere). Registered at once, not on first poll.
#[cfg(unix)]
fn stop_signal() -> io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// Completes on Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
