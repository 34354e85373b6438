pub mod bench;
pub mod console;
pub mod demo;
mod demo_floor;
pub mod import;
pub mod keymap;
pub mod phones;
pub mod seed;
pub mod serve;
pub mod simulate;
pub mod user;

pub mod shared;
