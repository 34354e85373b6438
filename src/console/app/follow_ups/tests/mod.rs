//! Follow-ups driven by keys and answers: the form, the list, the watch.

mod follow_up_form;
mod follow_up_list;
