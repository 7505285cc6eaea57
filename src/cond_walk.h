/*
 * cond_walk.h - walkers over compiled conditions (struct node trees in a rules object): which
 * questions and facts a condition reads, and whether two conditions are the same.
 *
 * They read the model only, so the loader, the checks and the verification search share them
 * without depending on each other. A node index below 0 is "no condition" (always true) and reads
 * nothing.
 */
#ifndef SA_COND_WALK_H
#define SA_COND_WALK_H

#include "internal.h"

/* Mark (mark[q] = 1) every question the condition at node id reads, directly or through facts. */
void cond_questions(const sa_rules *r, int32_t id, unsigned char *mark);

/* Nonzero when the condition at node id reads question q, directly or through facts. */
int cond_reads_question(const sa_rules *r, int32_t id, size_t q);

/* Mark the questions (qmark) and facts (fmark) a condition names directly, not through facts. */
void cond_direct_refs(const sa_rules *r, int32_t id, unsigned char *qmark, unsigned char *fmark);

/* Nonzero when the conditions at nodes a and b are structurally identical (both -1 counts). */
int cond_equal(const sa_rules *r, int32_t a, int32_t b);

/*
 * Mark the questions that decide a rule's outcome slot: the rules of the same slot and, for a
 * type or a category, the report's recommend rules (and, for a type, the type rules before it).
 */
void cond_slot_questions(const sa_rules *r, size_t rule, unsigned char *mark);

#endif
