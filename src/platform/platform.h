/*
 * platform.h - the host's files and folders, for the front ends (plat_).
 *
 * The core (src/core) is portable C17 on SQLite, libsodium and jansson: it
 * makes no file, folder or mode itself and opens nothing but the database,
 * through SQLite (docs/STORAGE.md, "The platform seam"). What the host's
 * file system must do around it, the front ends do here first: make the
 * data folder (0700), create the database and backup files private (0600)
 * before the core opens them through SQLite, and remove what a failed step
 * made. A browser build of the core has no such module; there the browser's
 * storage is the host.
 *
 * Rules
 *  - Every fallible function returns 0 or a negative errno value (-ENOENT,
 *    -EEXIST, ...), as libuv does; plat_strerror says what one means.
 *  - Nothing here prints, reads the environment or keeps state; paths are
 *    NUL-terminated and used as given.
 *  - Modes are exact: what plat_ makes is 0700 (folders) or 0600 (files)
 *    whatever the process's umask. What exists already keeps its mode.
 */
#ifndef DY_PLATFORM_H
#define DY_PLATFORM_H

#include <stdbool.h>

#define PLAT_WUR __attribute__((warn_unused_result))

/* What is at a path. */
enum plat_kind {
	PLAT_NONE,      /* nothing: the path, or a folder on the way, is missing */
	PLAT_FILE,      /* a regular file */
	PLAT_DIR,       /* a folder */
	PLAT_OTHER,     /* a device, socket, fifo... */
};

/* What is at path (following symbolic links), in *out. A missing path is
 * PLAT_NONE and 0; any other failure (permission, loop, a file where a
 * folder should be) is its negative errno, *out untouched. */
PLAT_WUR int plat_path_kind(const char *path, enum plat_kind *out);

/* Make the folder path and any missing folders above it (mkdir -p), each
 * folder it makes 0700. *made says whether path itself was made (a caller
 * undoing its work removes only that one). A path that is there and is a
 * folder is 0 with *made false; one that is something else is -ENOTDIR. */
PLAT_WUR int plat_dir_make(const char *path, bool *made);

/* Create a new empty file at path, 0600, failing if anything is there
 * (-EEXIST), as open(O_CREAT | O_EXCL) does: two processes cannot both
 * create it. */
PLAT_WUR int plat_file_create(const char *path);

/* Remove the file at path; an already missing file is 0. */
int plat_file_remove(const char *path);

/* Remove the folder at path if it is empty; a missing one is 0. */
int plat_dir_remove(const char *path);

/* A short description of a negative errno from this module ("No such file
 * or directory"); a static string. */
const char *plat_strerror(int rc);

#endif
