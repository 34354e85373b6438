//! One suite for the `Store` trait, run against SQLite and, when
//! `SKYDESK_TEST_DATABASE_URL` is set, PostgreSQL. Each test gets its own
//! fresh database.

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod csv;
mod fixtures;
mod lookup;
mod phones;
mod travellers;

// One test per case per backend: `sqlite::case` and `postgres::case`.
macro_rules! store_suite {
    ($($module:ident :: $case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $case() {
                    crate::common::with_store(crate::common::Backend::Sqlite, |store| async move {
                        super::$module::$case(store.as_ref()).await
                    })
                    .await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    crate::common::with_store(crate::common::Backend::Postgres, |store| async move {
                        super::$module::$case(store.as_ref()).await
                    })
                    .await;
                }
            )*
        }
    };
}

store_suite!(
    lookup::lookup_by_phone_gives_the_whole_profile,
    lookup::shared_numbers_rank_and_cap,
    lookup::unknown_numbers_and_ids_find_nothing,
    travellers::upsert_updates_by_ffp_number,
    travellers::value_scores_follow_the_domain_formula,
    accounts::users_by_token,
    travellers::hostile_text_round_trips,
    travellers::seeding_tops_up,
    csv::csv_import_reports_bad_rows,
    csv::csv_import_refuses_a_wrong_header,
    csv::csv_import_of_an_empty_file,
    csv::csv_import_rejects_a_non_utf8_row,
    phones::added_phones_are_found_at_once,
    phones::adding_a_phone_twice_changes_nothing,
    phones::adding_a_phone_to_nobody,
    phones::at_most_ten_phones,
);

#[test]
fn test_database_urls_keep_server_and_options() {
    use common::with_database;
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgresql://u:p@db/test?sslmode=disable", "x"),
        "postgresql://u:p@db/x?sslmode=disable"
    );
    assert_eq!(
        with_database("postgres://db:5432", "x"),
        "postgres://db:5432/x"
    );
}
