//! serve's connections: hyper's HTTP/1 server under limits that idle and slow clients cannot
//! outlast, and a stop that lets the requests in flight finish. What is answered is the
//! router's business, not this module's.
//!
//! - A request's headers must be complete within [`HEADER_TIMEOUT`] (10 s) of the connection
//!   opening or of the previous response ending. hyper starts its header timer as soon as a
//!   connection is idle (hyper 1.x, `proto/h1/conn.rs`: `State::idle` sets `notify_read` when a
//!   header timeout is set, so the next read of a head starts the timer), which makes this one
//!   limit close silent connections, half-sent requests and idle keep-alive connections alike.
//!   A response being sent, such as the live-reload event stream, is not under it.
//! - At most [`MAX_CONNECTIONS`] (256) are served at once. A permit is taken before `accept`,
//!   so further connections wait in the kernel's queue rather than in the process, which never
//!   holds more sockets than that and so never runs out of file descriptors.
//! - While all permits are taken, connections that have had no request for [`CROWDED_IDLE`]
//!   (1 s) are closed to make room (hyper's graceful shutdown: an idle one at once, a busy one
//!   after its response), so a page still loads with hundreds of idle sockets open.

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, TryAcquireError, watch};
use tokio_util::sync::CancellationToken;
use tower::ServiceExt as _;

/// The time a client has to send a request's headers, counted from the connection's opening or
/// the end of the previous response.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The most a request's head may take in hyper's read buffer before it is answered 431 (414 for
/// a path over 64 KiB, which still fits). hyper checks the buffer before each read and a read may
/// bring up to this much more, so a head over twice this is refused whatever the timing; with
/// hyper's default (about 400 KiB) a 500 KiB head was refused or served depending on how fast
/// it arrived.
pub const MAX_HEAD: usize = 128 << 10;

/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 256;

/// With every connection taken, those without a request for this long are closed.
pub const CROWDED_IDLE: Duration = Duration::from_secs(1);

/// How often a full server asks again: connections too young to be closed at the last ask may
/// be old enough now.
const CROWDED_RETRY: Duration = Duration::from_millis(200);

/// The pause after a failed `accept` (a connection reset while queued, or no file descriptor
/// left because of other threads' files), so that a lasting failure does not spin.
const ACCEPT_RETRY: Duration = Duration::from_millis(50);

/// Serves `app` on `listener` until `stop` is cancelled, then lets every connection finish its
/// response (idle ones close at once) and returns when all have ended.
pub async fn serve(listener: TcpListener, app: Router, stop: CancellationToken) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let (crowded, _) = watch::channel(());
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD);
    let http = Arc::new(http);
    loop {
        let permit = tokio::select! {
            p = permit(&permits, &crowded) => p,
            () = stop.cancelled() => break,
        };
        let Some(permit) = permit else { break };
        let accepted = tokio::select! {
            r = listener.accept() => r,
            () = stop.cancelled() => break,
        };
        let Ok((stream, _)) = accepted else {
            tokio::time::sleep(ACCEPT_RETRY).await;
            continue;
        };
        let connection = Connection {
            http: http.clone(),
            app: app.clone(),
            crowded: crowded.subscribe(),
            stop: stop.clone(),
            _permit: permit,
        };
        tokio::spawn(connection.serve(stream));
    }
    drop(listener);
    // Each connection gives its permit back when it ends.
    let _ = permits.acquire_many(MAX_CONNECTIONS as u32).await;
}

/// A free connection permit; while there is none, asks idle connections to close until one is
/// given back. `None` only if the semaphore was closed.
async fn permit(
    permits: &Arc<Semaphore>,
    crowded: &watch::Sender<()>,
) -> Option<OwnedSemaphorePermit> {
    loop {
        match permits.clone().try_acquire_owned() {
            Ok(p) => return Some(p),
            Err(TryAcquireError::Closed) => return None,
            Err(TryAcquireError::NoPermits) => {}
        }
        crowded.send_replace(());
        if let Ok(p) = tokio::time::timeout(CROWDED_RETRY, permits.clone().acquire_owned()).await {
            return p.ok();
        }
    }
}

/// One accepted connection and what it needs to know while it lasts.
struct Connection {
    http: Arc<http1::Builder>,
    app: Router,
    crowded: watch::Receiver<()>,
    stop: CancellationToken,
    _permit: OwnedSemaphorePermit,
}

impl Connection {
    async fn serve(mut self, stream: TcpStream) {
        let last_request = Arc::new(Mutex::new(Instant::now()));
        let seen = last_request.clone();
        let app = self.app.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            *seen.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
            app.clone().oneshot(request)
        });
        let conn = self.http.serve_connection(TokioIo::new(stream), service);
        tokio::pin!(conn);
        let mut closing = false;
        loop {
            tokio::select! {
                // Timeouts, resets and malformed requests end it too; hyper has answered what
                // could be answered (400, 414, 431) and there is no one else to tell.
                _ = conn.as_mut() => break,
                Ok(()) = self.crowded.changed(), if !closing => {
                    let idle = last_request.lock().unwrap_or_else(|e| e.into_inner()).elapsed();
                    if idle >= CROWDED_IDLE {
                        conn.as_mut().graceful_shutdown();
                        closing = true;
                    }
                }
                () = self.stop.cancelled(), if !closing => {
                    conn.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
        }
    }
}
