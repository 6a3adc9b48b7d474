//! The one seam between the card logic and a card: send a command APDU, get the response bytes.
//! PC/SC, the simulated card in process, and tests all sit behind [`Transmit`].

/// Why an exchange with the card failed below the APDU level.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The card left the reader (or was reset) during the exchange.
    #[error("the card was removed")]
    CardRemoved,
    /// The reader disappeared.
    #[error("the reader was disconnected")]
    ReaderGone,
    /// Anything else the stack reported.
    #[error("card transport failed: {0}")]
    Other(String),
}

/// Sends one command APDU and returns the raw response (data + SW1 SW2).
pub trait Transmit {
    /// One exchange.
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError>;
}

impl<T: Transmit + ?Sized> Transmit for &mut T {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        (**self).transmit(apdu)
    }
}

/// Wraps a transport and counts the APDUs sent (for the benchmark and the tests).
pub struct Counted<T> {
    inner: T,
    /// Commands sent so far.
    pub count: usize,
}

impl<T> Counted<T> {
    /// Starts at zero.
    pub fn new(inner: T) -> Self {
        Self { inner, count: 0 }
    }
}

impl<T: Transmit> Transmit for Counted<T> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.count += 1;
        self.inner.transmit(apdu)
    }
}
