/*
 * space_memo.c - a bounded set of byte-string keys for the search (see space_memo.h).
 */
#include "space_memo.h"

#include <stdlib.h>
#include <string.h>

#define REC_HEAD (sizeof(uint32_t) + sizeof(uint64_t))

/* FNV-1a: the keys are short and built by us, so a simple hash is enough. */
static uint64_t hash_key(const unsigned char *key, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= key[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void space_memo_init(struct space_memo *m, size_t limit)
{
	memset(m, 0, sizeof(*m));
	m->limit = limit;
}

void space_memo_release(struct space_memo *m)
{
	free(m->arena);
	free(m->slot);
	memset(m, 0, sizeof(*m));
}

static void record(const struct space_memo *m, size_t off, uint32_t *len, uint64_t *h)
{
	memcpy(len, m->arena + off, sizeof(*len));
	memcpy(h, m->arena + off + sizeof(*len), sizeof(*h));
}

int space_memo_has(const struct space_memo *m, const unsigned char *key, size_t len)
{
	uint64_t h, rh;
	uint32_t rlen;
	size_t i;
	if (!m->nslots)
		return 0;
	h = hash_key(key, len);
	for (i = (size_t)h & (m->nslots - 1); m->slot[i]; i = (i + 1) & (m->nslots - 1)) {
		size_t off = m->slot[i] - 1;
		record(m, off, &rlen, &rh);
		if (rh == h && rlen == len && !memcmp(m->arena + off + REC_HEAD, key, len))
			return 1;
	}
	return 0;
}

long space_memo_push(struct space_memo *m, const unsigned char *key, size_t len)
{
	size_t need = REC_HEAD + len, off = m->used;
	uint32_t len32 = (uint32_t)len;
	uint64_t h;
	if (len > UINT32_MAX || m->used + need > UINT32_MAX - 1)
		return -1;
	if (m->used + need > m->cap) {
		size_t cap = m->cap ? m->cap : 4096;
		unsigned char *p;
		while (cap < m->used + need)
			cap *= 2;
		if (cap + m->nslots * sizeof(*m->slot) > m->limit)
			return -1;
		p = realloc(m->arena, cap);
		if (!p)
			return -1; /* no memory for more keys: the search goes on without them */
		m->arena = p;
		m->cap = cap;
	}
	h = hash_key(key, len);
	memcpy(m->arena + off, &len32, sizeof(len32));
	memcpy(m->arena + off + sizeof(len32), &h, sizeof(h));
	memcpy(m->arena + off + REC_HEAD, key, len);
	m->used += need;
	return (long)off;
}

static void place(struct space_memo *m, size_t off)
{
	uint32_t len;
	uint64_t h;
	size_t i;
	record(m, off, &len, &h);
	for (i = (size_t)h & (m->nslots - 1); m->slot[i]; i = (i + 1) & (m->nslots - 1))
		;
	m->slot[i] = (uint32_t)(off + 1);
}

/* Double the table (or make the first one); 0 when the limit or memory forbids it. */
static int grow(struct space_memo *m)
{
	size_t n = m->nslots ? m->nslots * 2 : 1024, i;
	uint32_t *old = m->slot, *p;
	size_t oldn = m->nslots;
	if (n * sizeof(*p) + m->cap > m->limit)
		return 0;
	p = calloc(n, sizeof(*p));
	if (!p)
		return 0;
	m->slot = p;
	m->nslots = n;
	for (i = 0; i < oldn; i++)
		if (old[i])
			place(m, old[i] - 1);
	free(old);
	return 1;
}

void space_memo_commit(struct space_memo *m, long off)
{
	if (off < 0)
		return;
	if ((m->count + 1) * 2 > m->nslots && !grow(m))
		return;
	place(m, (size_t)off);
	m->count++;
}
