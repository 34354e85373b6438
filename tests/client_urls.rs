//! Whatever an agent types or a PBX dials reaches the server as itself:
//! the real client against the real server, the server's echo compared.

mod common;

use skydesk::{
    client::{ApiClient, ClientError},
    server::ServerConfig,
    store,
};

async fn signed_in_client() -> (ApiClient, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("urls.db").display());
    let store = store::connect(&url).await.expect("store opens");
    let (base, token) = common::serve_signed_in(store, ServerConfig::default()).await;
    (ApiClient::new(&base, &token).expect("client"), dir)
}

#[tokio::test]
async fn searches_reach_the_server_intact() {
    let (client, _dir) = signed_in_client().await;
    for query in [
        "john+vip@example.com",
        "a+b",
        "+86 138",
        "zhang wei",
        "张伟",
        "ＺＨＡＮＧ １３８",
        "o'brien-smith (jr.)",
    ] {
        let results = client
            .search_travellers(query)
            .await
            .unwrap_or_else(|e| panic!("{query:?}: {e}"));
        assert_eq!(results.query, query, "the server saw another search");
    }
}

#[tokio::test]
async fn characters_with_a_meaning_in_urls_arrive_as_characters() {
    let (client, _dir) = signed_in_client().await;
    // The server refuses these characters in a search by name: that refusal
    // (rather than an empty search or a bad escape) proves they arrived.
    for query in ["a%b", "a/b", "a?b", "a#b", "a&q=zhang", "50%25"] {
        match client.search_travellers(query).await {
            Err(ClientError::Api {
                status: 400,
                detail,
            }) => assert!(
                detail.contains("may contain only"),
                "{query:?} arrived as something else: {detail}"
            ),
            other => panic!("{query:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn dialled_numbers_reach_the_lookup_intact() {
    let (client, _dir) = signed_in_client().await;
    for dialled in [
        "+86 138 0013 8000",
        "+86 (138) 0013-8000",
        "１３８００１３８０００",
    ] {
        let lookup = client
            .lookup_caller(dialled)
            .await
            .unwrap_or_else(|e| panic!("{dialled:?}: {e}"));
        assert_eq!(lookup.dialled, dialled);
    }
    // A number with URL syntax in it is one path segment: the lookup
    // refuses it as a number (400), the router never sees another route.
    for dialled in ["138/0013", "138?x=1", "138#8000", "138%2F", "../me"] {
        match client.lookup_caller(dialled).await {
            Err(ClientError::Api { status: 400, .. }) => {}
            other => panic!("{dialled:?}: {other:?}"),
        }
    }
}
