//! A queue's minutes: the tally of the minute an event falls in, made
//! when new, and the hour kept.

use chrono::{DateTime, Utc};

use super::{
    MinuteTally,
    model::{MINUTES_KEPT, QueueBook, minute_of},
};

/// The queue's tally for the minute of `at`, made when new; `None` when
/// that minute is older than the hour kept.
pub(super) fn minute_mut(book: &mut QueueBook, at: DateTime<Utc>) -> Option<&mut MinuteTally> {
    let minute = minute_of(at);
    let newest = book.minutes.back().map(|m| m.minute);
    match newest {
        Some(last) if minute < last => {
            if minute <= last - MINUTES_KEPT {
                return None;
            }
            let place = book.minutes.partition_point(|m| m.minute < minute);
            if book.minutes.get(place).is_none_or(|m| m.minute != minute) {
                let carried = place
                    .checked_sub(1)
                    .and_then(|p| book.minutes.get(p))
                    .map_or(0, |m| m.waiting_last);
                book.minutes.insert(
                    place,
                    MinuteTally {
                        minute,
                        waiting_peak: carried,
                        waiting_last: carried,
                        ..MinuteTally::default()
                    },
                );
            }
            book.minutes.get_mut(place)
        }
        Some(last) if minute == last => book.minutes.back_mut(),
        _ => {
            let waiting = book.waiting;
            book.minutes.push_back(MinuteTally {
                minute,
                waiting_peak: waiting,
                waiting_last: waiting,
                ..MinuteTally::default()
            });
            while book
                .minutes
                .front()
                .is_some_and(|m| m.minute <= minute - MINUTES_KEPT)
            {
                book.minutes.pop_front();
            }
            book.minutes.back_mut()
        }
    }
}
