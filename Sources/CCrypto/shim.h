// OpenSSL's libcrypto, for SHA-256 only (cache keys and input digests).
#include <openssl/evp.h>
