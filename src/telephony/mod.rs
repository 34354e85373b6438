//! Sources of call events: the HTTP webhook (in the server) and the
//! simulator here, which plays a call centre for the demo and load tests.

pub mod simulator;
