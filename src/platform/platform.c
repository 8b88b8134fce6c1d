/*
 * platform.c - the host's files and folders on POSIX (see platform.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform.h"
#include "banned.h"

int
plat_path_kind(const char *path, enum plat_kind *out)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno != ENOENT)
			return -errno;
		*out = PLAT_NONE;
		return 0;
	}
	if (S_ISREG(st.st_mode))
		*out = PLAT_FILE;
	else if (S_ISDIR(st.st_mode))
		*out = PLAT_DIR;
	else
		*out = PLAT_OTHER;
	return 0;
}

/*
 * Make one folder, 0700 exactly. 1 when made, 0 when a folder was there, or
 * a negative errno (-ENOTDIR when something else is there). The chmod undoes
 * a umask that would take the owner's own rights away.
 */
static int
dir_make_one(const char *path)
{
	enum plat_kind kind;
	int rc;

	if (mkdir(path, 0700) == 0)
		return chmod(path, 0700) == 0 ? 1 : -errno;
	if (errno != EEXIST)
		return -errno;
	if ((rc = plat_path_kind(path, &kind)) != 0)
		return rc;
	return kind == PLAT_DIR ? 0 : -ENOTDIR;
}

int
plat_dir_make(const char *path, bool *made)
{
	size_t n = strlen(path);
	char *p = NULL;
	int rc;

	*made = false;
	if (n == 0)
		return -ENOENT;
	if ((p = malloc(n + 1)) == NULL)
		return -ENOMEM;
	memcpy(p, path, n + 1);
	while (n > 1 && p[n - 1] == '/')   /* "a/b/" makes "a/b" */
		p[--n] = '\0';
	/* the folders above, from the top; a leading '/' is the root */
	for (char *q = p + 1; *q != '\0'; q++) {
		if (*q != '/' || q[-1] == '/')
			continue;
		*q = '\0';
		rc = dir_make_one(p);
		*q = '/';
		if (rc < 0)
			goto out;
	}
	if ((rc = dir_make_one(p)) < 0)
		goto out;
	*made = rc == 1;
	rc = 0;
out:
	free(p);
	return rc;
}

int
plat_file_create(const char *path)
{
	int fd, rc = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, 0600) != 0)
		rc = -errno;
	if (close(fd) != 0 && rc == 0)
		rc = -errno;
	if (rc != 0)
		unlink(path);
	return rc;
}

int
plat_file_remove(const char *path)
{
	if (unlink(path) != 0 && errno != ENOENT)
		return -errno;
	return 0;
}

int
plat_dir_remove(const char *path)
{
	if (rmdir(path) != 0 && errno != ENOENT)
		return -errno;
	return 0;
}

const char *
plat_strerror(int rc)
{
	return strerror(rc < 0 ? -rc : rc);
}
