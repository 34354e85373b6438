//! Drafts: what a form holds, kept on the agent's disk as they type, and
//! offered back when the form opens again.

pub(super) mod draft;
pub(super) mod draft_offer;
pub(super) mod update;
