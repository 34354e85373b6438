//! After a call: the disposition form, the work the app does once a call
//! ends, and the picker of codes.

pub(super) mod after_call;
pub(super) mod code_picker;
pub(super) mod form;

#[cfg(test)]
mod tests;
