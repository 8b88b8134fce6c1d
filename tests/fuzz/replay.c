/*
 * replay.c - the driver of a harness built without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on every file named, or in a folder named, on
 * the command line. A folder with no inputs, or a file that cannot be read,
 * fails the run: a corpus that went missing must not pass as replayed.
 *
 *	fuzz-json-replay tests/fuzz/corpus/json
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* A harness without a fixture defines no LLVMFuzzerInitialize. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

#define INPUT_MAX (16 * 1024 * 1024)

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t n = 0, cap = 0;
	int rc = -1;

	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			uint8_t *p;

			if (cap >= INPUT_MAX) {
				fprintf(stderr, "replay: %s: over %d bytes\n", path, INPUT_MAX);
				goto out;
			}
			cap = cap == 0 ? 4096 : cap * 2;
			if ((p = realloc(data, cap)) == NULL) {
				fprintf(stderr, "replay: %s: out of memory\n", path);
				goto out;
			}
			data = p;
		}
		got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		goto out;
	}
	/* an exact-size copy, so that ASan sees a read past the input */
	{
		uint8_t *exact = malloc(n > 0 ? n : 1);

		if (exact == NULL)
			goto out;
		memcpy(exact, data, n);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	rc = 0;
out:
	free(data);
	fclose(f);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir, in name order; their count in *count. */
static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = -1;

	if (d == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p;

			cap = cap == 0 ? 64 : cap * 2;
			if ((p = realloc(names, cap * sizeof(*names))) == NULL)
				goto out;
			names = p;
		}
		len = strlen(dir) + 1 + strlen(e->d_name) + 1;
		if ((names[n] = malloc(len)) == NULL)
			goto out;
		snprintf(names[n], len, "%s/%s", dir, e->d_name);
		n++;
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(names[i], &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (run_file(names[i]) != 0)
			goto out;
		(*count)++;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE-OR-FOLDER...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		if (S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) != 0 : run_file(argv[i]) != 0)
			return 1;
		if (!S_ISDIR(st.st_mode))
			count++;
	}
	if (count == 0) {
		fprintf(stderr, "replay: no inputs found\n");
		return 1;
	}
	printf("replayed %zu inputs\n", count);
	return 0;
}
