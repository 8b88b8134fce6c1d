/*
 * tls.h - the certificate and key of `dyad serve --tls-cert/--tls-key`:
 * read from their files and checked with GnuTLS before libmicrohttpd sees
 * them, so that a wrong file or a key that belongs to another certificate
 * is reported as such (at start, and on every reload by SIGHUP).
 */
#ifndef DY_WEB_TLS_H
#define DY_WEB_TLS_H

#include <stddef.h>

#define TLS_FILE_MAX (1024 * 1024)

/* A certificate chain and its key, as NUL-terminated PEM text. */
struct tls_pem {
	char *cert;
	char *key;   /* wiped when released */
};

/*
 * Read cert_path and key_path (each at most TLS_FILE_MAX bytes) and check
 * that the first holds PEM certificates, the second an unencrypted PEM
 * private key, and that the key belongs to the first certificate. 0 and
 * *out filled (the caller releases it with tls_pem_release); -1 and a
 * one-line reason in msg (nothing to release) otherwise. When the
 * certificate has expired or is not valid yet, returns 0 and says so in
 * warn (empty otherwise): a server with a stale certificate still serves.
 */
int tls_pem_load(const char *cert_path, const char *key_path, struct tls_pem *out,
                 char *msg, size_t msg_size, char *warn, size_t warn_size);

/* Free both texts (the key wiped first); accepts an empty struct. */
void tls_pem_release(struct tls_pem *p);

#endif
