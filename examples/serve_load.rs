//! A small, bounded load loop for `minqing serve`: C keep-alive connections send GET requests for
//! D seconds, then the requests per second and the latency percentiles are printed.
//!
//! ```text
//! cargo run --release --example serve_load -- ADDR [--path /index.html] [--connections 100] [--seconds 10]
//! ```
//!
//! ADDR is what serve printed (`127.0.0.1:PORT`). Each connection is one thread that sends a
//! request, reads the whole response (Content-Length) and sends the next; a connection that
//! fails is opened again and counted as an error. Talks only to ADDR. Uses std only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo run --release --example serve_load -- ADDR [--path P] [--connections C] [--seconds D]";

struct Args {
    addr: String,
    path: String,
    connections: usize,
    seconds: u64,
}

fn parse() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut out = Args {
        addr: String::new(),
        path: "/index.html".into(),
        connections: 100,
        seconds: 10,
    };
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--path" => out.path = value()?,
            "--connections" => out.connections = value()?.parse().map_err(|e| format!("{e}"))?,
            "--seconds" => out.seconds = value()?.parse().map_err(|e| format!("{e}"))?,
            _ if out.addr.is_empty() && !a.starts_with('-') => out.addr = a,
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    if out.addr.is_empty() || out.connections == 0 || out.seconds == 0 {
        return Err("ADDR, C > 0 and D > 0 are needed".into());
    }
    Ok(out)
}

/// One request on an open connection; the response's status.
fn request(conn: &mut BufReader<TcpStream>, req: &[u8]) -> std::io::Result<u16> {
    conn.get_mut().write_all(req)?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().map_err(std::io::Error::other)?;
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body)?;
    Ok(status)
}

fn connect(addr: &str) -> std::io::Result<BufReader<TcpStream>> {
    let s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    s.set_nodelay(true)?;
    Ok(BufReader::new(s))
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let req = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: serve_load\r\n\r\n",
        args.path, args.addr
    )
    .into_bytes();
    let end = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..args.connections)
        .map(|_| {
            let (addr, req) = (args.addr.clone(), req.clone());
            std::thread::spawn(move || {
                let (mut latencies, mut errors, mut not_ok) = (Vec::new(), 0u64, 0u64);
                let mut conn = None;
                while Instant::now() < end {
                    let c = match conn.take() {
                        Some(c) => c,
                        None => match connect(&addr) {
                            Ok(c) => c,
                            Err(_) => {
                                errors += 1;
                                std::thread::sleep(Duration::from_millis(10));
                                continue;
                            }
                        },
                    };
                    let mut c = c;
                    let t = Instant::now();
                    match request(&mut c, &req) {
                        Ok(status) => {
                            latencies.push(t.elapsed());
                            not_ok += u64::from(status != 200);
                            conn = Some(c);
                        }
                        Err(_) => errors += 1,
                    }
                }
                (latencies, errors, not_ok)
            })
        })
        .collect();
    let (mut all, mut errors, mut not_ok) = (Vec::new(), 0, 0);
    for w in workers {
        if let Ok((l, e, n)) = w.join() {
            all.extend(l);
            errors += e;
            not_ok += n;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{} requests in {elapsed:.1} s ({:.0}/s) over {} connections: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {not_ok} not 200, {errors} errors",
        all.len(),
        all.len() as f64 / elapsed,
        args.connections,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0),
    );
    if errors == 0 && not_ok == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
