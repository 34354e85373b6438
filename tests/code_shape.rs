//! The shape the code keeps so that a newcomer finds their way: no source
//! file past 450 lines, no folder of the console past 16 files, and no
//! macro hiding code from the compiler's spans and the formatter.

use std::path::{Path, PathBuf};

const MOST_LINES: usize = 450;
const MOST_FILES_IN_A_CONSOLE_FOLDER: usize = 16;

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_source_file_is_longer_than_450_lines() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("tests"), &mut files);
    assert!(files.len() > 100, "the walk found the sources");
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).ok()?.lines().count();
            (lines > MOST_LINES).then(|| format!("{} ({lines})", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split by concept: {long:?}");
}

#[test]
fn no_console_folder_holds_more_than_16_files() {
    let mut dirs = vec![root().join("src/console")];
    let mut crowded = Vec::new();
    while let Some(dir) = dirs.pop() {
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).expect("a console folder") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files += 1;
            }
        }
        if files > MOST_FILES_IN_A_CONSOLE_FOLDER {
            crowded.push(format!("{} ({files})", dir.display()));
        }
    }
    assert!(crowded.is_empty(), "one folder per feature: {crowded:?}");
}

#[test]
fn no_macro_is_defined_in_the_library() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let with_macros: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f).is_ok_and(|text| text.contains(concat!("macro_", "rules!")))
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(with_macros.is_empty(), "write it as code: {with_macros:?}");
}
