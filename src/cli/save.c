/*
 * save.c - --save: the answers written atomically, as pretty JSON or, for a name ending in
 * .yaml or .yml, as YAML (sa_answers_write_file), with the answers file's "meta" kept.
 *
 * A temporary file in the target's directory is written, fsynced and renamed over the target
 * with the cancelling signals held (reply.h), then the directory is fsynced: the target is the
 * old file or the whole new one, whatever happens.
 */
#include "cli.h"
#include "reply.h"
#include "save.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The permission bits a new file keeps from its old version (set-id, sticky and rwx bits). */
#define MODE_BITS 07777
/* A new file: read and write for all, less the umask, as fopen would create it. */
#define NEW_FILE_MODE 0666

/* The directory of path: "." for a bare name. Returns nonzero when it does not fit. */
static int split_dir(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	int n;
	if (!slash)
		n = snprintf(dir, size, ".");
	else if (slash == path)
		n = snprintf(dir, size, "/");
	else
		n = snprintf(dir, size, "%.*s", (int)(slash - path), path);
	return n < 0 || (size_t)n >= size;
}

int cli_save_check(const char *path)
{
	char dir[PATH_MAX];
	if (split_dir(path, dir, sizeof(dir))) {
		cli_msg("cannot save answers to '%s': name too long", path);
		return CLI_EXIT_OUTPUT;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		cli_msg("cannot save answers to '%s': %s", path, strerror(errno));
		return CLI_EXIT_OUTPUT;
	}
	return CLI_EXIT_OK;
}

/* A name ending in .yaml or .yml is saved as YAML, any other as JSON. */
static int yaml_name(const char *path)
{
	size_t n = strlen(path);
	return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

int cli_save_answers(const char *path, const sa_rules *r, const struct sa_answers *a,
		     const struct sa_meta *meta)
{
	char dir[PATH_MAX], tmp[PATH_MAX + 32];
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	sigset_t block, old;
	struct stat st;
	mode_t mask;
	FILE *f = NULL;
	int fd, dfd, err = 0, wr;

	if (!*base) {
		cli_msg("cannot save answers to '%s': not a file name", path);
		return CLI_EXIT_OUTPUT;
	}
	if (split_dir(path, dir, sizeof(dir)) ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, base) >= sizeof(tmp)) {
		cli_msg("cannot save answers to '%s': name too long", path);
		return CLI_EXIT_OUTPUT;
	}
	/* from here until the rename or the unlink, a cancelling signal waits */
	sigemptyset(&block);
	cli_cancel_signals(&block);
	sigprocmask(SIG_BLOCK, &block, &old);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		goto fail_nofile;
	}
	/* the new file gets the old one's permissions, or the usual ones for a new file */
	if (stat(path, &st) == 0) {
		fchmod(fd, st.st_mode & MODE_BITS);
	} else {
		mask = umask(0);
		umask(mask);
		fchmod(fd, NEW_FILE_MODE & ~mask);
	}
	f = fdopen(fd, "w");
	if (!f) {
		err = errno;
		close(fd);
		goto fail;
	}
	wr = sa_answers_write_file(f, r, a, meta, yaml_name(path));
	if (wr != SA_OK || fflush(f) != 0) {
		err = wr == SA_ERR_NOMEM ? ENOMEM : errno ? errno : EIO;
		fclose(f);
		goto fail;
	}
	if (fsync(fd) != 0) {
		err = errno;
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0) {
		err = errno;
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		err = errno;
		goto fail;
	}
	/* make the rename itself durable */
	dfd = open(dir, O_RDONLY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return CLI_EXIT_OK;
fail:
	unlink(tmp);
fail_nofile:
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (err == ENOMEM)
		return cli_out_of_memory();
	cli_msg("cannot save answers to '%s': %s", path, strerror(err));
	return CLI_EXIT_OUTPUT;
}
