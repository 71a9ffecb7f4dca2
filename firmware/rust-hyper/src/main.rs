//! DeviceBench contender: the fairness routes (`/`, `/json`, 404) on hyper 0.14 + tokio.
use std::convert::Infallible;
use std::error::Error;
use std::io::Write;
use std::net::SocketAddr;
use std::process::exit;
use std::sync::Arc;
use std::time::Duration;

use hyper::header::{HeaderName, HeaderValue, ALLOW, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::server::conn::AddrIncoming;
use hyper::service::{make_service_fn, service_fn};
use hyper::{Body, Method, Request, Response, Server, StatusCode};
use tokio::net::TcpSocket;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::Notify;

const HELLO: &[u8] = b"Hello, World!";
const JSON: &[u8] = br#"{"message":"Hello, World!"}"#;
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);
const USAGE: &str = "usage: rust-hyper [--port P] [--threads N]";

/// Returns (port, worker threads).
fn parse_args() -> Result<(u16, usize), String> {
    let mut port = 8080;
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        let bad = || format!("bad or missing value for {flag}: {value:?}");
        match flag.as_str() {
            "--port" => port = value.parse().map_err(|_| bad())?,
            "--threads" => threads = value.parse().ok().filter(|&n| n > 0).ok_or_else(bad)?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok((port, threads))
}

type Headers<'a> = &'a [(HeaderName, &'static str)];

fn respond(status: StatusCode, headers: Headers, body: &'static [u8]) -> Response<Body> {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let map = res.headers_mut();
    for (name, value) in headers {
        map.insert(name, HeaderValue::from_static(value));
    }
    // Explicit so every contender sends the same framing, even for empty bodies.
    map.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    res
}

async fn handle(req: Request<Body>) -> Result<Response<Body>, Infallible> {
    let (content_type, body) = match req.uri().path() {
        "/" => ("text/plain", HELLO),
        "/json" => ("application/json", JSON),
        _ => return Ok(respond(StatusCode::NOT_FOUND, &[], b"")),
    };
    Ok(match *req.method() {
        // hyper drops the body of HEAD responses itself and keeps Content-Length.
        Method::GET | Method::HEAD => {
            respond(StatusCode::OK, &[(CONTENT_TYPE, content_type)], body)
        }
        _ => respond(StatusCode::METHOD_NOT_ALLOWED, &[(ALLOW, "GET, HEAD")], b""),
    })
}

async fn serve(port: u16) -> Result<(), Box<dyn Error>> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from(([0, 0, 0, 0], port)))?;
    // std's TcpListener::bind uses a backlog of 128; a deeper queue keeps a burst of connects
    // from a load generator from being dropped and retried.
    let mut incoming = AddrIncoming::from_listener(socket.listen(1024)?)?;
    // Go and Kestrel set TCP_NODELAY too; with Nagle, back-to-back small writes wait for an ACK.
    incoming.set_nodelay(true);

    // Handlers are installed before the "listening" line so a harness may signal right after it.
    let shutdown = Arc::new(Notify::new());
    for kind in [SignalKind::terminate(), SignalKind::interrupt()] {
        let mut sig = signal(kind)?;
        let shutdown = shutdown.clone();
        tokio::spawn(async move {
            sig.recv().await;
            shutdown.notify_one();
        });
    }

    let service = make_service_fn(|_| async { Ok::<_, Infallible>(service_fn(handle)) });
    let server = Server::builder(incoming)
        .http1_only(true)
        .http1_pipeline_flush(true)
        // Without this, hyper 0.14 discards the batched responses when a client half-closes after
        // pipelining (`nc -q1`, scripted probes); Go and Kestrel still answer such requests.
        .http1_half_close(true)
        .serve(service);
    println!("listening on {}", server.local_addr());
    std::io::stdout().flush()?;

    let stopped = async move {
        shutdown.notified().await;
        // hyper waits for every open connection, and one that was accepted but never sent a
        // request is never closed; bound the wait so a harness's SIGTERM always ends us.
        tokio::spawn(async {
            tokio::time::sleep(SHUTDOWN_GRACE).await;
            eprintln!("rust-hyper: connections still open after {SHUTDOWN_GRACE:?}, exiting");
            exit(0);
        });
    };
    Ok(server.with_graceful_shutdown(stopped).await?)
}

fn main() {
    let (port, threads) = parse_args().unwrap_or_else(|e| {
        eprintln!("rust-hyper: {e}\n{USAGE}");
        exit(2)
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .unwrap_or_else(|e| {
            eprintln!("rust-hyper: cannot start runtime: {e}");
            exit(1)
        });
    if let Err(e) = runtime.block_on(serve(port)) {
        eprintln!("rust-hyper: {e}");
        exit(1);
    }
}
