//! Puts a simulated card into a real PC/SC reader: the card side of vsmartcard's `vpcd` protocol.
//! The card connects to vpcd (TCP 35963 for "Virtual PCD 00 00", 35964 for "… 00 01"); every frame
//! both ways is a 2-byte big-endian length and the payload. A 1-byte payload from vpcd is control
//! (`00` power off, `01` power on, `02` reset, `04` asks for the ATR); anything else is a command
//! APDU, answered with one frame. Closing the connection removes the card.
//!
//! For tests and demonstrations only: vpcd listens on every interface and must never be installed
//! on a kiosk.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::sim::SimCard;
use super::transport::{Transmit, TransportError};

/// The port of vpcd's first reader.
pub const FIRST_PORT: u16 = 35963;

/// A card vpcd can hold.
pub trait VirtualCard: Transmit + Send + 'static {
    /// The ATR.
    fn atr(&self) -> Vec<u8>;
    /// Power cycle or reset.
    fn reset(&mut self);
}

impl VirtualCard for SimCard {
    fn atr(&self) -> Vec<u8> {
        self.atr.clone()
    }

    fn reset(&mut self) {
        SimCard::reset(self);
    }
}

/// Delayed ACKs would make every APDU wait ~40 ms (vpcd writes length and payload separately
/// without TCP_NODELAY): ask for a quick ACK again after each read.
fn quick_ack(stream: &TcpStream) {
    crate::platform::tcp_quick_ack(stream);
}

fn read_frame(stream: &mut TcpStream) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 2];
    stream.read_exact(&mut len)?;
    quick_ack(stream);
    let mut payload = vec![0u8; usize::from(u16::from_be_bytes(len))];
    stream.read_exact(&mut payload)?;
    quick_ack(stream);
    Ok(payload)
}

fn write_frame(stream: &mut TcpStream, payload: &[u8]) -> io::Result<()> {
    let len = u16::try_from(payload.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too long"))?;
    let mut frame = Vec::with_capacity(payload.len() + 2);
    frame.extend_from_slice(&len.to_be_bytes());
    frame.extend_from_slice(payload);
    stream.write_all(&frame)
}

/// Serves `card` on an open connection until vpcd or we close it. `apdus` counts the commands
/// answered; with `remove_after`, the card leaves after answering that many (a card pulled
/// mid-read).
pub fn serve<C: VirtualCard>(
    mut stream: TcpStream,
    card: &mut C,
    apdus: &AtomicUsize,
    remove_after: Option<usize>,
) -> io::Result<()> {
    loop {
        let payload = match read_frame(&mut stream) {
            Ok(p) => p,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        };
        match payload.as_slice() {
            [0x00] | [0x01] | [0x02] => card.reset(),
            [0x04] => write_frame(&mut stream, &card.atr())?,
            [_] => {}
            apdu => {
                if remove_after.is_some_and(|n| apdus.load(Ordering::SeqCst) >= n) {
                    // The card leaves without answering: close the link for every handle.
                    let _ = stream.shutdown(Shutdown::Both);
                    return Ok(());
                }
                let answer = match card.transmit(apdu) {
                    Ok(a) => a,
                    Err(TransportError::CardRemoved) => {
                        let _ = stream.shutdown(Shutdown::Both);
                        return Ok(());
                    }
                    Err(e) => return Err(io::Error::other(e.to_string())),
                };
                apdus.fetch_add(1, Ordering::SeqCst);
                write_frame(&mut stream, &answer)?;
            }
        }
    }
}

/// A card inserted into a vpcd reader, served on its own thread. Dropping it (or
/// [`Inserted::remove`]) takes the card out.
pub struct Inserted {
    stream: TcpStream,
    thread: Option<JoinHandle<io::Result<()>>>,
    /// Commands answered so far.
    pub apdus: Arc<AtomicUsize>,
}

impl Inserted {
    /// Connects to vpcd on `127.0.0.1:port` and serves `card` there.
    pub fn insert<C: VirtualCard>(
        port: u16,
        mut card: C,
        remove_after: Option<usize>,
    ) -> io::Result<Self> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        quick_ack(&stream);
        let theirs = stream.try_clone()?;
        let apdus = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&apdus);
        let thread = std::thread::Builder::new()
            .name("vpcd-card".into())
            .spawn(move || serve(theirs, &mut card, &count, remove_after))?;
        Ok(Self {
            stream,
            thread: Some(thread),
            apdus,
        })
    }

    /// Whether the card is still being served (vpcd has not closed the link, no removal yet).
    pub fn present(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// Takes the card out and waits for the serving thread.
    pub fn remove(mut self) -> io::Result<()> {
        self.take_out()
    }

    fn take_out(&mut self) -> io::Result<()> {
        let _ = self.stream.shutdown(Shutdown::Both);
        match self.thread.take() {
            Some(t) => t
                .join()
                .map_err(|_| io::Error::other("card thread panicked"))?,
            None => Ok(()),
        }
    }
}

impl Drop for Inserted {
    fn drop(&mut self) {
        let _ = self.take_out();
    }
}
