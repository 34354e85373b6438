//! Times shown to people, written one way everywhere: a running time as a
//! clock (`4:05`, `1:02:03`) and a flight's delay in hours (`2h05`). A
//! figure is never cut: a clock past an hour gains its hours.

/// Seconds as `m:ss`, or `h:mm:ss` from an hour.
pub fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// Seconds as `mm:ss`, zero-padded for a timer that ticks in place;
/// `h:mm:ss` from an hour.
pub fn timer(seconds: i64) -> String {
    format!("{:0>5}", clock(seconds))
}

/// "2h05" for a delay; empty when on time.
pub fn format_delay(minutes: i32) -> String {
    if minutes <= 0 {
        return String::new();
    }
    format!("{}h{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_format_as_hours_and_minutes() {
        assert_eq!(format_delay(0), "");
        assert_eq!(format_delay(-5), "");
        assert_eq!(format_delay(45), "0h45");
        assert_eq!(format_delay(125), "2h05");
    }

    #[test]
    fn clocks_gain_their_hours_and_never_go_negative() {
        assert_eq!(clock(-3), "0:00");
        assert_eq!(clock(65), "1:05");
        assert_eq!(clock(3723), "1:02:03");
        assert_eq!(timer(5), "00:05");
        assert_eq!(timer(659), "10:59");
        assert_eq!(timer(4500), "1:15:00");
    }
}
