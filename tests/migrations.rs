//! Shipped migrations never change. A database remembers the checksum of
//! every migration it applied and refuses to open when a file it ran has
//! changed since, so an edited migration breaks every installed centre. A
//! change to the schema is a new migration, and a new migration is pinned
//! here when it ships.

use skydesk::store::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use sqlx::migrate::Migrator;

/// (version, description, SHA-384 of the SQL as sqlx records it).
type Pin = (i64, &'static str, &'static str);

const SQLITE: &[Pin] = &[
    (
        1,
        "initial",
        "d35f8b23dd7dd1e831fdb19f9f6db698ca882b319d78983b7e6438c0ee6980b80dd2e90a464edb01e4cbfc5438797cb6",
    ),
    (
        2,
        "search",
        "d6406403bb00b9dad6372c5f2d9d6e9d8b3617a48ea6c008a1d8ef26aaef436d2aa763951a59def49346fc10323b081f",
    ),
    (
        3,
        "value scores",
        "54c12ceae9156e2cf1be99c48fd514b064bbea3ecb904e3699882eb0824f38e3c71981b2f1a4882137d34c276b51970a",
    ),
    (
        7,
        "write guards",
        "d6a3fd55128b52f3888e588a89caa10e9149a1de426d58b9f5c8e7b33b51b5ee0791e39ae696d742268abb020e2ba157",
    ),
    (
        8,
        "ranked name keys",
        "5e2ba81f3afe0f5935277dc601fbaf13ff78f3381c7759e299682f811a259164a37530bac6803b7f2d22de75b70bd6e6",
    ),
    (
        5,
        "call state",
        "46e6058e867f51db5822f6c967ef6708994dbe26009bdc38a80133f6485302954303861a1b67a7748922b70a4446d1c9",
    ),
    (
        4,
        "dialled numbers",
        "84a24e479f74ec51054a984bce220be3e50007fa1a14c691b6a79f5c36b31c17a3c81908642b246ebb66a79c173a4516",
    ),
    (
        9,
        "notes and history",
        "39dc4cdb9f596cf216b327d095b4266dd4739b4bca59f193818eadda7ce62d3ef70b62f01ae53bfedc071744aae6f329",
    ),
    (
        10,
        "preferences",
        "e1c81f241f7b710dd75d5b81cfefabfe96886c6d3e238a08b0c892c50ffd579a2e40bb8535fb5b30f3b0071fc5bea46c",
    ),
    (
        11,
        "complaint work",
        "981a0b64db0abf0861cd13c1e1c052596fb41c4dd7a1f8421f99008f66b632e402475bf68646d89ee056ab3162bc014a",
    ),
    (
        12,
        "call wrap up",
        "5a3b2c62310460950395039c507e58aa57f74dee0b2fca80a6bcbf2734bb42f9f0006309b57f7058185f9b89130f9981",
    ),
    (
        13,
        "floor",
        "c10b6405d0e1d7dcc50601dc8f0a71dc5155187fc350860f5a1aaa967b0cf591985490b47c5333ce9c9ceb76ad2f4189",
    ),
    (
        14,
        "calls by agent",
        "299831d7b8063fa2330b82cc7f8b34c7ca84383dc943fd682fc9788d2b6c20d3220e49dc482c6687c640004a7acea976",
    ),
    (
        15,
        "vip standing",
        "8f10d7d668ee808e4f62dc0b4e5a4c299f2f84f358c3cb2b1c4439a33a7a7f929761fbbeccf5ac47511bf447a0426eb7",
    ),
    (
        16,
        "vip requests",
        "a872db3078a5d2c642bfaa8dcc9a5cb0edfdcf868d815535c6d930de6bf54d08532884a5da8c0e163883cbc7c08bf9cf",
    ),
    (
        17,
        "pending by traveller",
        "fbaa8a3cde666b5c3660c442b684eb13932f12f7b43f76628f6d7297bf33074821b3aa4a7e1ea8d9eb62b1bab0fe0c4e",
    ),
];

const POSTGRES: &[Pin] = &[
    (
        1,
        "initial",
        "dad1962270172549fe939a802a8247e43a59c69b273664549d399b9ea67da10e60b745efbae1356f9efe1edafa95d37c",
    ),
    (
        2,
        "search",
        "922305d95663b2d07db201e7f38015b54d28855dee044c8499cffb5aa5fc27c791de993a6bbb4be1c996d29448a4d5e6",
    ),
    (
        3,
        "value scores",
        "c33ff2d3bd8d79068a16997ec2e69d4fa57122a65de2ddb7026371e0c86bd951001fac1ab53fb024d97d9ef0aa64c8e2",
    ),
    (
        7,
        "write guards",
        "c4fea61e23e62774c18170ce3d8226c87a175f7f5b1f30be840ab0f6ee2c2e21484d86a1379f7644865660a0ed5c7721",
    ),
    (
        8,
        "ranked name keys",
        "09615483cef56f5682e0ff90fe897831bb0aceeea885e2411c90bcd9942d5b098133a7bbea9d530e4ff5c5881c28adb9",
    ),
    (
        5,
        "call state",
        "e3de93b662d9f329246210374a6befa0c154ad5eec2eeeca83089bdcfc2be9b915cd7079598b5b600b2dc9c59f484331",
    ),
    (
        4,
        "dialled numbers",
        "84a24e479f74ec51054a984bce220be3e50007fa1a14c691b6a79f5c36b31c17a3c81908642b246ebb66a79c173a4516",
    ),
    (
        9,
        "notes and history",
        "af70be2a361bb3617033e27b16e507163b20316278c7972f8a4f739af10a5319056b6e00e911e4c7c6173be6fe85fbbc",
    ),
    (
        10,
        "preferences",
        "204f85d43398dd4404d442d252a58bb2a443c35d3aa2ca00dabc93e8a3aefc1895533c8c2f58b93a2aec34ea85067bc8",
    ),
    (
        11,
        "complaint work",
        "c136696a2b76d449d4ccf76c8de041f9379a3b3b54e2b5ba74b4841e998af67ae55fb1c2639e1d6285978cf02ef86a23",
    ),
    (
        12,
        "call wrap up",
        "35ca3623e512e1a25c71a57a5d266bb3511312f9ac1622d57ed9080a2cdde1ddae26e348b31a382892041887f4c0eb92",
    ),
    (
        13,
        "floor",
        "0a92c8f8408c7c56f98d320c4f43c16a18e33ac4c41728d04d336a405f5e6fc6f0ffc293c015eacef7971ae3d15d9b65",
    ),
    (
        14,
        "calls by agent",
        "299831d7b8063fa2330b82cc7f8b34c7ca84383dc943fd682fc9788d2b6c20d3220e49dc482c6687c640004a7acea976",
    ),
    (
        15,
        "vip standing",
        "124f560f86312c5a563642b37415e1da001687649cb87146b0933baf975e9c677f4ea01f0a587956710fe1f51b1188c4",
    ),
    (
        16,
        "vip requests",
        "4bfb65edd50f7ab9e3a38af7c697fb95554366f0ae55f921bddcedf78ca12be8b426624f960abcd03ba789792f2208e3",
    ),
    (
        17,
        "pending by traveller",
        "fbaa8a3cde666b5c3660c442b684eb13932f12f7b43f76628f6d7297bf33074821b3aa4a7e1ea8d9eb62b1bab0fe0c4e",
    ),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every embedded migration, as a pin would spell it.
fn actual(migrator: &Migrator) -> Vec<(i64, String, String)> {
    migrator
        .iter()
        .map(|m| (m.version, m.description.to_string(), hex(&m.checksum)))
        .collect()
}

fn check(backend: &str, migrator: &Migrator, pins: &[Pin]) {
    let actual = actual(migrator);
    let listing: String = actual
        .iter()
        .map(|(v, d, c)| format!("    ({v}, {d:?}, {c:?}),\n"))
        .collect();
    for (version, description, checksum) in pins {
        let found = actual.iter().find(|(v, ..)| v == version);
        let Some((_, found_description, found_checksum)) = found else {
            panic!("{backend}: shipped migration {version} ({description}) is gone");
        };
        assert_eq!(
            (found_description.as_str(), found_checksum.as_str()),
            (*description, *checksum),
            "{backend}: shipped migration {version} was edited; put the change in a new \
             migration instead. Embedded now:\n{listing}"
        );
    }
    let unpinned: Vec<_> = actual
        .iter()
        .filter(|(v, ..)| !pins.iter().any(|(p, ..)| p == v))
        .collect();
    assert!(
        unpinned.is_empty(),
        "{backend}: migrations {unpinned:?} are not pinned; add them to tests/migrations.rs \
         when they ship. Embedded now:\n{listing}"
    );
}

#[test]
fn sqlite_migrations_are_as_shipped() {
    check("sqlite", &SQLITE_MIGRATIONS, SQLITE);
}

#[test]
fn postgres_migrations_are_as_shipped() {
    check("postgres", &POSTGRES_MIGRATIONS, POSTGRES);
}

#[test]
fn both_backends_have_the_same_migrations() {
    let versions = |m: &Migrator| -> Vec<(i64, String)> {
        m.iter()
            .map(|m| (m.version, m.description.to_string()))
            .collect()
    };
    assert_eq!(
        versions(&SQLITE_MIGRATIONS),
        versions(&POSTGRES_MIGRATIONS),
        "every schema change is made on both backends"
    );
}
