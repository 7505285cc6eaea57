/*
 * space_memo.h - the set of search nodes already known to have no witness below them.
 *
 * Keys are byte strings (space.c builds them: what the predicate's value at every leaf below a
 * node depends on). Stored keys live in one arena, addressed by offset, and a table of offsets
 * finds them by hash. The memory is bounded: once the arena is full, no key is added and the
 * search simply goes on without remembering more (it stays exact, it only saves less).
 *
 * A key is pushed before its subtree is searched (space_memo_push, so that the caller keeps
 * only an offset while the subtree pushes its own keys above it) and added to the set when the
 * subtree turned out to hold no witness (space_memo_commit). A search that ends with a witness
 * or an exhausted budget stops there, so keys pushed and never committed are never looked up.
 */
#ifndef SA_SPACE_MEMO_H
#define SA_SPACE_MEMO_H

#include <stddef.h>
#include <stdint.h>

/* The most memory one search's memo may use: arena and table together. */
#ifndef SPACE_MEMO_BYTES
#define SPACE_MEMO_BYTES (64u << 20)
#endif

struct space_memo {
	unsigned char *arena;  /* records: a uint32 length, a uint64 hash, the key bytes */
	size_t used, cap;      /* bytes of the arena in use, allocated */
	uint32_t *slot;        /* per slot: 1 + the record's offset, or 0 when empty */
	size_t nslots, count;  /* slots (a power of two, or 0), committed keys */
	size_t limit;          /* SPACE_MEMO_BYTES, or lower in tests */
	unsigned long long hits;
};

void space_memo_init(struct space_memo *m, size_t limit);
void space_memo_release(struct space_memo *m);
/* Nonzero when key (len bytes) was committed. */
int space_memo_has(const struct space_memo *m, const unsigned char *key, size_t len);
/* Copy key into the arena; returns its offset, or -1 when the memory limit leaves no room. */
long space_memo_push(struct space_memo *m, const unsigned char *key, size_t len);
/* Add the key pushed at off to the set (a full table leaves it out). */
void space_memo_commit(struct space_memo *m, long off);

#endif
