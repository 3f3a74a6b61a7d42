//! Fault injection through the `X-Sandbox-Fault` request header, e.g.
//! `status=503;times=2;key=abc`, `status=429;retry-after=1`, `delay-ms=3000`, `drop`,
//! `truncate`, `status=502;body=html`, `status=502;body=wrapped`, `page-cap=3`.
//!
//! Two middlewares share the work because auth sits between them: [`arrive`] counts the
//! request and does what happens whatever the key (`delay-ms`, `drop`); [`apply`] runs once
//! the key was accepted and answers the injected status or truncates the real answer.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, stream};

use crate::counts::Operation;
use crate::error::ApiError;
use crate::state::AppState;

/// The request header that asks for a fault.
pub(crate) const FAULT_HEADER: HeaderName = HeaderName::from_static(crate::FAULT_HEADER);

/// Longest `delay-ms` accepted, so a typo cannot hang a test run for hours.
const MAX_DELAY_MS: u64 = 600_000;

/// How long a truncated body waits before the connection is cut. Without the pause hyper
/// would drop the connection with the first half still in its write buffer, unsent.
const TRUNCATE_FLUSH_PAUSE: Duration = Duration::from_millis(50);

/// Marks a response that must not be sent: the server closes the connection instead.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DropConnection;

/// The error that ends a truncated body, which makes hyper close the connection.
#[derive(Debug, thiserror::Error)]
#[error("response truncated by the sandbox's `truncate` fault")]
struct Truncated;

/// A parsed `X-Sandbox-Fault` value.
#[derive(Debug, Clone, Default, PartialEq)]
struct Fault {
    status: Option<StatusCode>,
    retry_after: Option<HeaderValue>,
    delay: Option<Duration>,
    drop: bool,
    truncate: bool,
    body: Option<FaultBody>,
    times: Option<u64>,
    key: Option<String>,
    page_cap: Option<usize>,
    redirect: bool,
}

/// What `body=` puts in place of the plain `status=N` envelope.
#[derive(Debug, Clone, Copy, PartialEq)]
enum FaultBody {
    /// A gateway's HTML error page.
    Html,
    /// The envelope, its `metadata` carrying the operation's answer (the operation is
    /// performed): a gateway that failed after its upstream answered.
    Wrapped,
}

/// Where the `redirect` fault points: a closed port, so a client that follows it fails.
const REDIRECT_TARGET: &str = "http://127.0.0.1:9/api/v1/redirected";

/// `page-cap=N`: list-workspaces and list-keys answer at most N items per page, whatever
/// `limit` (or the list-keys page size) says (a server that caps its pages). Left in the
/// request's extensions for the handler.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageCap(pub(crate) usize);

/// What [`arrive`] leaves for [`apply`] in the request's extensions.
#[derive(Debug, Clone)]
enum Pending {
    /// The header could not be parsed: a 400, but only once auth has passed.
    Invalid(String),
    /// A fault that applies to this request.
    Active(Fault),
}

/// Counts the request, then sleeps for `delay-ms` and drops the connection for `drop`.
pub(crate) async fn arrive(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let operation = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|route| Operation::of_route(request.method(), route.as_str()));
    let Some(operation) = operation else {
        return next.run(request).await;
    };
    let parsed = request.headers().get(FAULT_HEADER).map(|value| {
        let text = value
            .to_str()
            .map_err(|_| "must be visible ASCII text".to_owned())?;
        Ok::<_, String>((text.to_owned(), parse(text)?))
    });
    let key = match &parsed {
        Some(Ok((_, fault))) => fault.key.as_deref(),
        _ => None,
    };
    state.counts().record(operation, key);
    let pending = match parsed {
        None => None,
        Some(Err(problem)) => Some(Pending::Invalid(problem)),
        Some(Ok((text, fault))) => {
            // `times` counts every request carrying this exact value, this one included.
            let uses = state.use_fault(&text);
            let applies = fault.times.is_none_or(|times| uses <= times);
            applies.then_some(Pending::Active(fault))
        }
    };
    if let Some(Pending::Active(fault)) = &pending {
        if let Some(delay) = fault.delay {
            tokio::time::sleep(delay).await;
        }
        if fault.drop {
            return dropped();
        }
    }
    if let Some(pending) = pending {
        request.extensions_mut().insert(pending);
    }
    next.run(request).await
}

/// Answers the injected status, or runs the operation and truncates its answer.
pub(crate) async fn apply(mut request: Request, next: Next) -> Response {
    let fault = match request.extensions_mut().remove::<Pending>() {
        None => return next.run(request).await,
        Some(Pending::Invalid(problem)) => {
            return ApiError::invalid(FAULT_HEADER.as_str(), problem).into_response();
        }
        Some(Pending::Active(fault)) => fault,
    };
    if let Some(cap) = fault.page_cap {
        request.extensions_mut().insert(PageCap(cap));
    }
    let response = match fault.status {
        _ if fault.redirect => redirected(),
        Some(status) if fault.body == Some(FaultBody::Wrapped) => {
            wrapped(status, next.run(request).await).await
        }
        Some(status) => injected(&fault, status),
        None => next.run(request).await,
    };
    if fault.truncate {
        truncate(response).await
    } else {
        response
    }
}

/// The answer to `status=N`: the error envelope (or an HTML page), without the operation.
fn injected(fault: &Fault, status: StatusCode) -> Response {
    let mut response = if fault.body == Some(FaultBody::Html) {
        let page = format!(
            "<html><body><h1>{} {}</h1></body></html>",
            status.as_u16(),
            status.canonical_reason().unwrap_or("Error")
        );
        let html = HeaderValue::from_static("text/html; charset=utf-8");
        (status, [(CONTENT_TYPE, html)], page).into_response()
    } else {
        ApiError::new(status, "Injected fault (sandbox)").into_response()
    };
    if let Some(retry_after) = &fault.retry_after {
        response
            .headers_mut()
            .insert(RETRY_AFTER, retry_after.clone());
    }
    response
}

/// The answer to `status=N;body=wrapped`: the operation's answer, as JSON (`upstream`) and as
/// text (`raw`), inside the error envelope's `metadata`. A create-keys answer's secret is in
/// there twice, which is what an SDK must not show.
async fn wrapped(status: StatusCode, answer: Response) -> Response {
    let Ok(bytes) = axum::body::to_bytes(answer.into_body(), usize::MAX).await else {
        return dropped();
    };
    let upstream = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    let raw = String::from_utf8_lossy(&bytes);
    ApiError::new(status, "Upstream answer lost at the gateway (sandbox)")
        .with_metadata(serde_json::json!({ "upstream": upstream, "raw": raw }))
        .into_response()
}

/// The answer to `redirect`: 302 to a closed port, without the operation.
fn redirected() -> Response {
    (
        StatusCode::FOUND,
        [(LOCATION, HeaderValue::from_static(REDIRECT_TARGET))],
    )
        .into_response()
}

/// Keeps the full `Content-Length` but sends only the first half of the body, then has the
/// connection closed.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        // The answer could not even be read whole: send none of it.
        return dropped();
    };
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    let cut = stream::once(async {
        tokio::time::sleep(TRUNCATE_FLUSH_PAUSE).await;
        Err::<Bytes, _>(Truncated)
    });
    let body = stream::iter([Ok(half)]).chain(cut);
    Response::from_parts(parts, Body::from_stream(body))
}

/// A response the server will not send: it closes the connection instead.
fn dropped() -> Response {
    let mut response = Response::default();
    response.extensions_mut().insert(DropConnection);
    response
}

/// Parses `item;item;...`, each item `name=value` or a bare flag, names case-insensitive.
fn parse(text: &str) -> Result<Fault, String> {
    let mut fault = Fault::default();
    let items = text
        .split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty());
    for item in items {
        let (name, value) = match item.split_once('=') {
            Some((name, value)) => (name.trim().to_ascii_lowercase(), Some(value.trim())),
            None => (item.to_ascii_lowercase(), None),
        };
        match (name.as_str(), value) {
            ("status", Some(value)) => {
                let status = value
                    .parse::<u16>()
                    .ok()
                    .filter(|code| (400..=599).contains(code))
                    .and_then(|code| StatusCode::from_u16(code).ok())
                    .ok_or("status must be an HTTP error status, 400 to 599")?;
                set_once(&mut fault.status, status, "status")?;
            }
            ("retry-after", Some(value)) => {
                let value = HeaderValue::from_str(value)
                    .ok()
                    .filter(|_| !value.is_empty())
                    .ok_or("retry-after must be a header value, e.g. 2")?;
                set_once(&mut fault.retry_after, value, "retry-after")?;
            }
            ("delay-ms", Some(value)) => {
                let ms = value
                    .parse::<u64>()
                    .ok()
                    .filter(|ms| *ms <= MAX_DELAY_MS)
                    .ok_or("delay-ms must be a whole number of milliseconds, at most 600000")?;
                set_once(&mut fault.delay, Duration::from_millis(ms), "delay-ms")?;
            }
            ("times", Some(value)) => {
                let times = value
                    .parse::<u64>()
                    .map_err(|_| "times must be a non-negative integer")?;
                set_once(&mut fault.times, times, "times")?;
            }
            ("key", Some(value)) => {
                if value.is_empty() {
                    return Err("key must not be empty".to_owned());
                }
                set_once(&mut fault.key, value.to_owned(), "key")?;
            }
            ("page-cap", Some(value)) => {
                let cap = value
                    .parse::<usize>()
                    .ok()
                    .filter(|cap| *cap >= 1)
                    .ok_or("page-cap must be a whole number, 1 or more")?;
                set_once(&mut fault.page_cap, cap, "page-cap")?;
            }
            ("body", Some("html")) => set_once(&mut fault.body, FaultBody::Html, "body")?,
            ("body", Some("wrapped")) => set_once(&mut fault.body, FaultBody::Wrapped, "body")?,
            ("body", Some(_)) => return Err("body must be html or wrapped".to_owned()),
            ("drop", None) => set_flag(&mut fault.drop, "drop")?,
            ("truncate", None) => set_flag(&mut fault.truncate, "truncate")?,
            ("redirect", None) => set_flag(&mut fault.redirect, "redirect")?,
            _ => {
                return Err(format!(
                    "unknown item '{item}'; expected status=N, retry-after=S, delay-ms=MS, \
                     drop, truncate, redirect, body=html, body=wrapped, page-cap=N, times=N or key=K, separated by ';'"
                ));
            }
        }
    }
    if fault.status.is_none() && (fault.body.is_some() || fault.retry_after.is_some()) {
        return Err("body and retry-after need a status".to_owned());
    }
    if fault.redirect && (fault.status.is_some() || fault.truncate || fault.drop) {
        return Err(
            "redirect answers 302 itself, so it cannot be combined with status, truncate or drop"
                .into(),
        );
    }
    if fault.drop && (fault.status.is_some() || fault.truncate) {
        return Err("drop sends nothing, so it cannot be combined with status or truncate".into());
    }
    Ok(fault)
}

fn set_once<T>(slot: &mut Option<T>, value: T, name: &str) -> Result<(), String> {
    if slot.replace(value).is_some() {
        return Err(format!("{name} is given twice"));
    }
    Ok(())
}

fn set_flag(flag: &mut bool, name: &str) -> Result<(), String> {
    if std::mem::replace(flag, true) {
        return Err(format!("{name} is given twice"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_examples() {
        let fault = parse("status=503;times=2;key=abc").unwrap();
        assert_eq!(fault.status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(fault.times, Some(2));
        assert_eq!(fault.key.as_deref(), Some("abc"));

        let fault = parse("status=429; retry-after=1").unwrap();
        assert_eq!(fault.retry_after, Some(HeaderValue::from_static("1")));

        assert_eq!(
            parse("delay-ms=3000").unwrap().delay,
            Some(Duration::from_secs(3))
        );
        assert!(parse("drop").unwrap().drop);
        assert!(parse("truncate").unwrap().truncate);
        assert_eq!(
            parse("status=502;body=html").unwrap().body,
            Some(FaultBody::Html)
        );
        assert_eq!(
            parse("status=502;body=wrapped").unwrap().body,
            Some(FaultBody::Wrapped)
        );
        assert_eq!(parse("key=only-a-label;").unwrap().status, None);
        assert_eq!(parse("page-cap=3").unwrap().page_cap, Some(3));
        assert!(parse("redirect;times=1").unwrap().redirect);
    }

    #[test]
    fn refuses_what_it_cannot_honour() {
        for bad in [
            "status=200",
            "status=abc",
            "stat=503",
            "drop=1",
            "body=json;status=500",
            "body=html",
            "body=wrapped",
            "status=502;body=html;body=wrapped",
            "retry-after=1",
            "drop;status=503",
            "status=503;status=500",
            "times=-1",
            "delay-ms=999999999",
            "key=",
            "page-cap=0",
            "redirect;status=500",
            "redirect=1",
            "page-cap=x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
