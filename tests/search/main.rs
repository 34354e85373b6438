//! Traveller search over HTTP, on SQLite and (with
//! `SKYDESK_TEST_DATABASE_URL`) PostgreSQL.

#[path = "../common/mod.rs"]
mod common;

mod backend;
mod kinds;
mod names;
mod ranking;

// One test per case per backend: `sqlite::case` and `postgres::case`.
macro_rules! search_suite {
    ($($module:ident :: $case:ident),* $(,)?) => {
        mod sqlite {
            use crate::backend::Only;
            $(
                #[tokio::test]
                async fn $case() {
                    crate::$module::$case(Only::Sqlite).await;
                }
            )*
        }

        mod postgres {
            use crate::backend::Only;
            $(
                #[tokio::test]
                async fn $case() {
                    crate::$module::$case(Only::Postgres).await;
                }
            )*
        }
    };
}

search_suite!(
    kinds::chinese_names_by_pinyin_initials_characters_and_latin,
    kinds::numbers_references_and_emails,
    kinds::latin_names_with_and_without_diacritics,
    kinds::one_and_two_characters_answer_quickly,
    kinds::hostile_queries_are_400s_and_wildcards_are_literal,
    kinds::imports_keep_the_index_in_step,
    kinds::landlines_with_their_area_code,
    kinds::stores_from_before_search_are_indexed_on_open,
    names::every_name_is_found_every_way,
    ranking::qm_lists_qiu_ming_before_ou_ming,
    ranking::common_initials_rank_every_family_across_all_candidates,
    ranking::frequent_flyer_numbers_of_other_programmes_are_found,
    ranking::an_older_search_index_is_rebuilt_on_open,
);
