//! DeviceBench contender: the fairness routes (`/`, `/json`, 404) on hyper 0.14 + tokio.
use std::convert::Infallible;
use std::error::Error;
use std::io::Write;
use std::net::SocketAddr;
use std::process::exit;
use std::sync::Arc;

use hyper::header::{HeaderValue, ALLOW, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::server::conn::AddrIncoming;
use hyper::service::{make_service_fn, service_fn};
use hyper::{Body, Method, Request, Response, Server, StatusCode};
use tokio::net::TcpSocket;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::Notify;

const HELLO: &[u8] = b"Hello, World!";
const JSON: &[u8] = br#"{"message":"Hello, World!"}"#;
const USAGE: &str = "usage: rust-hyper [--port P] [--threads N]";

struct Args {
    port: u16,
    threads: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        port: 8080,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                args.port = v.parse().map_err(|_| format!("bad --port {v}"))?;
            }
            "--threads" => {
                let v = value()?;
                args.threads = v.parse().ok().filter(|&n| n > 0).ok_or(format!("bad --threads {v}"))?;
            }
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(args)
}

fn respond(status: StatusCode, content_type: Option<&'static str>, body: &'static [u8]) -> Response<Body> {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    let headers = res.headers_mut();
    if let Some(ct) = content_type {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    // Explicit so every contender sends the same framing, even for empty bodies.
    headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    res
}

async fn handle(req: Request<Body>) -> Result<Response<Body>, Infallible> {
    let (content_type, body) = match req.uri().path() {
        "/" => ("text/plain", HELLO),
        "/json" => ("application/json", JSON),
        _ => return Ok(respond(StatusCode::NOT_FOUND, None, b"")),
    };
    Ok(match *req.method() {
        // hyper drops the body of HEAD responses itself and keeps Content-Length.
        Method::GET | Method::HEAD => respond(StatusCode::OK, Some(content_type), body),
        _ => {
            let mut res = respond(StatusCode::METHOD_NOT_ALLOWED, None, b"");
            res.headers_mut().insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
            res
        }
    })
}

async fn serve(port: u16) -> Result<(), Box<dyn Error>> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from(([0, 0, 0, 0], port)))?;
    // std's TcpListener::bind uses a backlog of 128; a deeper queue keeps a burst of connects
    // from a load generator from being dropped and retried.
    let mut incoming = AddrIncoming::from_listener(socket.listen(1024)?)?;
    // Go and Kestrel disable Nagle too; without it small pipelined responses can stall.
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

    let server = Server::builder(incoming)
        .http1_only(true)
        .http1_pipeline_flush(true)
        .serve(make_service_fn(|_| async { Ok::<_, Infallible>(service_fn(handle)) }));
    println!("listening on {}", server.local_addr());
    std::io::stdout().flush()?;

    server.with_graceful_shutdown(async move { shutdown.notified().await }).await?;
    Ok(())
}

fn main() {
    let args = parse_args().unwrap_or_else(|e| {
        eprintln!("rust-hyper: {e}\n{USAGE}");
        exit(2)
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .enable_all()
        .build()
        .unwrap_or_else(|e| {
            eprintln!("rust-hyper: cannot start runtime: {e}");
            exit(1)
        });
    if let Err(e) = runtime.block_on(serve(args.port)) {
        eprintln!("rust-hyper: {e}");
        exit(1);
    }
}
