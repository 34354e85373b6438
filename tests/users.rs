//! Who is signed in: `skydesk user revoke` and `user remove` take effect on
//! the next request, on every server sharing the database. On both backends.

mod common;

use std::{
    net::SocketAddr,
    process::{Command, Output},
};

use skydesk::{
    domain::{Role, User},
    server::{self, AppState, ServerConfig, auth},
    store::{self, DynStore},
};

/// Runs the real binary against the database at `url`.
fn skydesk(args: &[&str], url: &str) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut all = args.to_vec();
    all.extend(["--db", url]);
    Command::new(env!("CARGO_BIN_EXE_skydesk"))
        .args(&all)
        .env("SKYDESK_DATA_DIR", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A server of its own (its own pool) on the shared database.
async fn another_server(url: &str) -> String {
    let store = store::connect(url).await.expect("store opens");
    let (addr, _) = server::spawn(
        AppState::new(store, ServerConfig::default()),
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("server starts");
    format!("http://{addr}")
}

async fn add_user(store: &DynStore, name: &str) -> String {
    let token = auth::new_token();
    let user = User {
        name: name.into(),
        roles: vec![Role::Agent, Role::Supervisor],
    };
    store
        .add_user(&user, &auth::hash_token(&token))
        .await
        .expect("user added");
    token
}

async fn me(base: &str, token: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .expect("an answer")
        .status()
        .as_u16()
}

async fn revoked_and_removed_users_are_refused_by_every_server(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let (first, ann) = common::serve_signed_in(store.clone(), ServerConfig::default()).await;
    let second = another_server(&url).await;
    let bob = add_user(&store, "bob").await;
    let cat = add_user(&store, "猫").await;
    // Each server has seen each token (a cache would now hold them).
    for base in [&first, &second] {
        for token in [&ann, &bob, &cat] {
            assert_eq!(me(base, token).await, 200);
        }
    }

    let out = skydesk(&["user", "revoke", "bob"], &url);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = skydesk(&["user", "remove", "猫"], &url);
    assert!(out.status.success(), "{}", text(&out.stderr));

    for base in [&first, &second] {
        assert_eq!(me(base, &bob).await, 401, "{base}: revoked token");
        assert_eq!(me(base, &cat).await, 401, "{base}: removed user");
        assert_eq!(me(base, &ann).await, 200, "{base}: others stay signed in");
    }
    // Revoked, bob is still a user; removed, 猫 is not.
    let user = |name: &str| User {
        name: name.into(),
        roles: vec![Role::Agent],
    };
    assert!(store.add_user(&user("bob"), "h1").await.is_err());
    assert!(store.add_user(&user("猫"), "h2").await.is_ok());
    // Revoking again, or a user whose token was revoked, is fine.
    assert!(store.revoke_user("bob").await.expect("revoke"));
    assert!(store.remove_user("bob").await.expect("remove"));
    assert!(!store.remove_user("bob").await.expect("remove"));
}

async fn unknown_user_names_are_a_clear_error(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let ann = add_user(&store, "ann").await;
    for command in ["revoke", "remove"] {
        let out = skydesk(&["user", command, "nobody"], &url);
        assert!(!out.status.success(), "{command}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("no user named \"nobody\""), "{stderr}");
        for hostile in [
            "",
            "\u{202e}ann",
            "ann\u{1b}[2J",
            "ann'; DELETE FROM users;--",
        ] {
            let out = skydesk(&["user", command, hostile], &url);
            assert!(!out.status.success(), "{command} {hostile:?}");
            let stderr = text(&out.stderr);
            assert!(stderr.contains("user name"), "{stderr}");
            assert!(!stderr.contains('\u{202e}') && !stderr.contains("\u{1b}[2J"));
        }
    }
    // Nothing was touched.
    assert_eq!(
        store
            .user_by_token_hash(&auth::hash_token(&ann))
            .await
            .expect("lookup")
            .map(|u| u.name),
        Some("ann".to_string())
    );
}

/// The reservation system's account is added like any other; a role
/// that does not exist is refused naming the ones that do.
async fn the_integration_role_is_added_from_the_command_line(url: String) {
    let out = skydesk(&["user", "add", "res", "--role", "integration"], &url);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let token = text(&out.stdout).trim().to_string();
    let store = store::connect(&url).await.expect("store opens");
    let user = store
        .user_by_token_hash(&auth::hash_token(&token))
        .await
        .expect("lookup")
        .expect("added");
    assert_eq!(user.roles, vec![Role::Integration]);
    let out = skydesk(&["user", "add", "bot", "--role", "robot"], &url);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("integration"), "{stderr}");
}

common::backend_suite!(
    revoked_and_removed_users_are_refused_by_every_server,
    unknown_user_names_are_a_clear_error,
    the_integration_role_is_added_from_the_command_line,
);
