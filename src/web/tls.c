/*
 * tls.c - read and check the TLS certificate and key (see tls.h). The
 * checks are GnuTLS's own, the same library libmicrohttpd hands the PEM
 * text to; doing them here first is what lets a mismatched key say so
 * instead of "cannot listen".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "tls.h"
#include "banned.h"

/* Read a file of at most TLS_FILE_MAX bytes into a new NUL-terminated
 * buffer; NULL with a reason in msg. */
static char *read_pem(const char *path, char *msg, size_t msg_size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;

	if (f == NULL) {
		snprintf(msg, msg_size, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(TLS_FILE_MAX + 1);
	if (buf == NULL) {
		snprintf(msg, msg_size, "out of memory reading %s", path);
		goto out;
	}
	n = fread(buf, 1, TLS_FILE_MAX + 1, f);
	if (ferror(f) || n == 0 || n > TLS_FILE_MAX) {
		snprintf(msg, msg_size, "cannot read %s: %s", path,
		         ferror(f) ? "read error" : n == 0 ? "the file is empty" : "larger than 1 MiB");
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[n] = '\0';
out:
	fclose(f);
	return buf;
}

static void say_time(time_t t, char *out, size_t size)
{
	struct tm tm;

	if (t == (time_t)-1 || gmtime_r(&t, &tm) == NULL || strftime(out, size, "%Y-%m-%d %H:%M UTC", &tm) == 0)
		snprintf(out, size, "an unknown time");
}

int tls_pem_load(const char *cert_path, const char *key_path, struct tls_pem *out,
                 char *msg, size_t msg_size, char *warn, size_t warn_size)
{
	struct tls_pem p = {NULL, NULL};
	gnutls_x509_crt_t *crts = NULL;
	unsigned ncrts = 0, i;
	gnutls_x509_privkey_t pk = NULL;
	gnutls_certificate_credentials_t cred = NULL;
	gnutls_datum_t cd, kd;
	time_t now = time(NULL), from, until;
	char when[40];
	int rc = -1, e;

	warn[0] = '\0';
	if ((p.cert = read_pem(cert_path, msg, msg_size)) == NULL ||
	    (p.key = read_pem(key_path, msg, msg_size)) == NULL)
		goto out;
	cd.data = (unsigned char *)p.cert;
	cd.size = (unsigned)strlen(p.cert);
	kd.data = (unsigned char *)p.key;
	kd.size = (unsigned)strlen(p.key);

	e = gnutls_x509_crt_list_import2(&crts, &ncrts, &cd, GNUTLS_X509_FMT_PEM, 0);
	if (e < 0 || ncrts == 0) {
		snprintf(msg, msg_size, "%s holds no PEM certificate (GnuTLS: %s)", cert_path,
		         e < 0 ? gnutls_strerror(e) : "empty");
		goto out;
	}
	if (gnutls_x509_privkey_init(&pk) < 0) {
		snprintf(msg, msg_size, "out of memory checking %s", key_path);
		goto out;
	}
	e = gnutls_x509_privkey_import2(pk, &kd, GNUTLS_X509_FMT_PEM, NULL, 0);
	if (e < 0) {
		snprintf(msg, msg_size, "%s holds no usable PEM private key%s (GnuTLS: %s)", key_path,
		         e == GNUTLS_E_DECRYPTION_FAILED ? " (it is encrypted; dyad needs it without a passphrase)" : "",
		         gnutls_strerror(e));
		goto out;
	}
	if (gnutls_certificate_allocate_credentials(&cred) < 0) {
		snprintf(msg, msg_size, "out of memory checking %s", cert_path);
		goto out;
	}
	e = gnutls_certificate_set_x509_key_mem2(cred, &cd, &kd, GNUTLS_X509_FMT_PEM, NULL, 0);
	if (e == GNUTLS_E_CERTIFICATE_KEY_MISMATCH) {
		snprintf(msg, msg_size, "the key in %s does not belong to the certificate in %s", key_path, cert_path);
		goto out;
	}
	if (e < 0) {
		snprintf(msg, msg_size, "GnuTLS refuses %s with %s: %s", cert_path, key_path, gnutls_strerror(e));
		goto out;
	}
	from = gnutls_x509_crt_get_activation_time(crts[0]);
	until = gnutls_x509_crt_get_expiration_time(crts[0]);
	if (until != (time_t)-1 && until < now) {
		say_time(until, when, sizeof(when));
		snprintf(warn, warn_size, "the certificate in %s expired on %s; browsers will refuse it", cert_path, when);
	} else if (from != (time_t)-1 && from > now) {
		say_time(from, when, sizeof(when));
		snprintf(warn, warn_size, "the certificate in %s is valid only from %s; browsers will refuse it until then",
		         cert_path, when);
	}
	*out = p;
	p.cert = NULL;
	p.key = NULL;
	rc = 0;
out:
	if (cred != NULL)
		gnutls_certificate_free_credentials(cred);
	gnutls_x509_privkey_deinit(pk);
	for (i = 0; i < ncrts; i++)
		gnutls_x509_crt_deinit(crts[i]);
	gnutls_free(crts);
	tls_pem_release(&p);
	return rc;
}

void tls_pem_release(struct tls_pem *p)
{
	if (p == NULL)
		return;
	free(p->cert);
	if (p->key != NULL) {
		explicit_bzero(p->key, strlen(p->key));
		free(p->key);
	}
	p->cert = NULL;
	p->key = NULL;
}
